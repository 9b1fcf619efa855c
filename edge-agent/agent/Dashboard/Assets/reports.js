// The report page: the participation report and the social-tariff settlement of a period, read from the agent's
// report API. The agent suppresses: a hidden cell arrives as {"suppressed":true,"text":"<5"} without its number, and
// this script only shows what it got. Charts are the agent's SVG files, parsed and imported as nodes (the CSP
// forbids inline styles, so the SVG carries presentation attributes only). Values go in as text, never as HTML.
(function () {
  'use strict';

  var d = window.UitpasDashboard;
  if (!d || document.body.getAttribute('data-page') !== 'reports') { return; }
  var t = d.t, q = d.q, el = d.el, api = d.api;
  var SVG = 'http://www.w3.org/2000/svg';
  var DIMENSIONS = ['domain', 'organizer', 'venue', 'cardSystem', 'event', 'week', 'month', 'domainMonth'];
  var SHOWN = ['domain', 'organizer', 'venue', 'cardSystem', 'week', 'month'];
  var DOMAINS = ['onbekend', 'cultuur', 'jeugd', 'sport', 'welzijn', 'overig'];
  var PARTICIPATION_FILES = ['per-domein.csv', 'per-organisator.csv', 'per-locatie.csv', 'per-kaartsysteem.csv', 'per-week.csv',
    'per-maand.csv', 'niet-gecrediteerd.csv', 'checkins-per-domein.svg', 'trend-per-week.svg', 'kansentarief-aandeel.svg'];
  var MEASURES = [
    ['checkins', 'report.col.checkins'], ['refusedLimit', 'report.col.refusedLimit'], ['notCredited', 'report.col.notCredited'],
    ['passholders', 'report.col.passholders'], ['socialTariffPassholders', 'report.col.social'],
    ['socialTariffShare', 'report.col.share', '%'], ['socialTariffSales', 'report.col.sales']
  ];

  var from = document.body.getAttribute('data-from') || '';
  var to = document.body.getAttribute('data-to') || '';
  var query = 'from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to) + '&lang=' + encodeURIComponent(d.lang);

  function isSuppressed(cell) { return cell !== null && typeof cell === 'object' && cell.suppressed === true; }

  function number(value, digits) {
    return Number(value).toLocaleString(d.locale, { maximumFractionDigits: digits === undefined ? 1 : digits });
  }

  // A cell's text: "<5" when suppressed (the agent's text), empty when not applicable, else the localized number.
  function cellText(cell, suffix) {
    if (isSuppressed(cell)) { return cell.text || '<5'; }
    if (typeof cell !== 'number') { return ''; }
    return number(cell) + (suffix ? ' ' + suffix : '');
  }

  function cellTd(cell, measure, suffix) {
    return el('td', {
      className: 'num', text: cellText(cell, suffix), 'data-testid': 'cell', 'data-measure': measure,
      'data-suppressed': isSuppressed(cell) ? 'true' : 'false'
    });
  }

  // "+3 (+25 %)", "<5" when either side is hidden, "—" without a previous value.
  function trendTd(trend) {
    if (!trend) { return el('td', { className: 'num', text: '—', 'data-testid': 'cell', 'data-measure': 'trend', 'data-suppressed': 'false' }); }
    var hidden = isSuppressed(trend.delta) || isSuppressed(trend.previous);
    var text = '—';
    if (hidden) {
      text = (trend.delta && trend.delta.text) || '<5';
    } else if (typeof trend.delta === 'number') {
      var sign = trend.delta > 0 ? '+' : '';
      text = sign + number(trend.delta);
      if (typeof trend.percent === 'number') { text += ' (' + (trend.percent > 0 ? '+' : '') + number(trend.percent) + ' %)'; }
    }
    return el('td', { className: 'num', text: text, 'data-testid': 'cell', 'data-measure': 'trend', 'data-suppressed': hidden ? 'true' : 'false' });
  }

  function dimensionName(value) {
    if (typeof value === 'number') { return DIMENSIONS[value] || String(value); }
    var text = String(value || '');
    return text.charAt(0).toLowerCase() + text.substring(1);
  }

  function domainName(value) {
    if (typeof value === 'number') { return DOMAINS[value] || 'onbekend'; }
    var text = String(value || '').toLowerCase();
    return text === 'unknown' || text === '' ? 'onbekend' : text;
  }

  function unknown(row) { return row.unknown === true || row.isUnknown === true; }

  function shortDate(iso) {
    var parts = String(iso || '').split('-');
    if (parts.length !== 3) { return String(iso || ''); }
    return new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])).toLocaleDateString(d.locale, { day: 'numeric', month: 'short' });
  }

  function longDate(iso) {
    var parts = String(iso || '').split('-');
    if (parts.length !== 3) { return String(iso || ''); }
    return new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])).toLocaleDateString(d.locale, { dateStyle: 'medium' });
  }

  // The row's name in the page's language: domains and dates are translated here, names stay as entered.
  function rowLabel(dimension, row) {
    if (unknown(row)) { return t('report.unknown'); }
    if (dimension === 'domain') { var name = domainName(row.domain !== undefined && row.domain !== null ? row.domain : row.key); return name === 'onbekend' ? t('report.unknown') : t('report.domain.' + name); }
    if (dimension === 'cardSystem') { return t('report.cardSystem', row.cardSystemId !== undefined && row.cardSystemId !== null ? row.cardSystemId : row.key); }
    if (dimension === 'week') {
      var week = /W(\d+)$/.exec(String(row.key || ''));
      return t('report.week', week ? Number(week[1]) : row.label) + (row.from ? ' (' + shortDate(row.from) + ' – ' + shortDate(row.to) + ')' : '');
    }
    if (dimension === 'month') {
      var month = /^(\d{4})-(\d{2})/.exec(String(row.key || ''));
      return month ? new Date(Number(month[1]), Number(month[2]) - 1, 1).toLocaleDateString(d.locale, { month: 'long', year: 'numeric' }) : row.label;
    }
    return row.label || row.key || t('report.unknown');
  }

  function reportTable(dimension, rows, total) {
    var head = el('tr', {}, [el('th', { text: t('report.col.name') })].concat(MEASURES.map(function (m) {
      return el('th', { className: 'num', text: t(m[1]) });
    })).concat([el('th', { className: 'num', text: t('report.col.trend'), title: t('report.col.trendHelp') })]));
    var body = rows.map(function (row) { return reportRow(dimension, row, rowLabel(dimension, row), ''); });
    if (total) { body.push(reportRow(dimension, total, t('report.total'), 'total')); }
    return el('table', { className: 'report', 'data-testid': 'report-table', 'data-dimension': dimension }, [
      el('thead', {}, [head]), el('tbody', {}, body)
    ]);
  }

  function reportRow(dimension, row, label, className) {
    var suppressed = isSuppressed(row.passholders);
    return el('tr', { className: className, 'data-testid': 'report-row', 'data-key': row.key, 'data-suppressed': suppressed ? 'true' : 'false' },
      [el('th', { scope: 'row', text: label })]
        .concat(MEASURES.map(function (m) { return cellTd(row[m[0]], m[0], m[2]); }))
        .concat([trendTd(row.checkinsTrend)]));
  }

  function tablesOf(report) {
    var tables = {};
    var list = report.tables || [];
    if (Array.isArray(list)) {
      list.forEach(function (table) { tables[dimensionName(table.dimension)] = table.rows || []; });
    } else {
      Object.keys(list).forEach(function (name) { tables[dimensionName(name)] = list[name].rows || list[name]; });
    }
    return tables;
  }

  function renderParticipation(report) {
    var period = report.period || {};
    var previous = report.previous || period.previous || {};
    var previousFrom = previous.from;
    var previousTo = previous.to;
    q('report-period').textContent = previousFrom
      ? t('report.periodShown', longDate(period.from || from), longDate(period.to || to), longDate(previousFrom), longDate(previousTo))
      : longDate(period.from || from) + ' – ' + longDate(period.to || to);
    var total = report.total;
    var overview = q('table-total');
    overview.replaceChildren(reportTable('total', [], total));
    var tables = tablesOf(report);
    var holder = q('dimension-tables');
    holder.replaceChildren.apply(holder, SHOWN.map(function (dimension) {
      var rows = tables[dimension] || [];
      var id = 'dimension-' + dimension;
      return el('section', { 'aria-labelledby': id, 'data-testid': 'dimension', 'data-dimension': dimension }, [
        el('h2', { id: id, text: t('report.dim.' + dimension) }),
        rows.length
          ? el('div', { className: 'table-wrap' }, [reportTable(dimension, rows, total)])
          : el('p', { className: 'muted', text: t('report.empty') })
      ]);
    }));
    renderNotCredited(report.notCredited || []);
    renderFiles(report.files);
  }

  function renderNotCredited(rows) {
    var holder = q('not-credited-table');
    q('not-credited-none').hidden = rows.length > 0;
    if (!rows.length) { holder.replaceChildren(); return; }
    var table = el('table', { className: 'report', 'data-testid': 'report-table', 'data-dimension': 'notCredited' }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: t('report.col.event') }), el('th', { className: 'num', text: t('report.col.notCredited') })])]),
      el('tbody', {}, rows.map(function (row) {
        return el('tr', { 'data-testid': 'report-row', 'data-key': row.key, 'data-suppressed': isSuppressed(row.notCredited) ? 'true' : 'false' }, [
          el('th', { scope: 'row', text: unknown(row) ? t('report.unknown') : (row.label || row.key) }), cellTd(row.notCredited, 'notCredited')
        ]);
      }))
    ]);
    holder.replaceChildren(table);
  }

  function fileLink(base, name) {
    return el('li', {}, [el('a', { href: base + encodeURIComponent(name) + '?' + query, download: name, text: name, 'data-testid': 'file-link', 'data-file': name })]);
  }

  function renderFiles(files) {
    var names = Array.isArray(files) && files.length
      ? files.map(function (f) { return typeof f === 'string' ? f : f.name; }).filter(function (name) { return name; })
      : PARTICIPATION_FILES;
    var list = q('participation-files');
    list.replaceChildren.apply(list, names.map(function (name) { return fileLink('/api/v1/reports/participation/files/', name); }));
  }

  // Fetches one chart and imports its <svg> node: its texts stay text in the page (searchable, testable).
  function loadChart(figure) {
    var name = figure.getAttribute('data-file');
    return fetch('/api/v1/reports/participation/files/' + encodeURIComponent(name) + '?' + query, { credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (text) {
        var parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
        var root = parsed.documentElement;
        if (!root || root.namespaceURI !== SVG || root.localName !== 'svg' || parsed.getElementsByTagName('parsererror').length) {
          throw new Error('not an SVG');
        }
        Array.prototype.forEach.call(root.querySelectorAll('script, foreignObject'), function (node) { node.remove(); });
        var svg = document.importNode(root, true);
        svg.setAttribute('role', 'img');
        svg.setAttribute('data-testid', 'chart-svg');
        figure.replaceChildren(svg);
      })
      .catch(function () {
        figure.replaceChildren(el('p', { className: 'muted', text: t('report.chartFailed') }));
      });
  }

  // Amounts arrive in cents (…Cents) or in euro; shown in euro with the page's number format.
  function euro(totals, name) {
    var cents = totals[name + 'Cents'];
    var value = typeof cents === 'number' ? cents / 100 : totals[name];
    return typeof value === 'number' ? value.toLocaleString(d.locale, { style: 'currency', currency: 'EUR' }) : '';
  }

  function settlementRow(organizer, cardSystem, totals, slug, className) {
    var files = slug
      ? el('td', {}, [
        el('a', { href: '/api/v1/reports/settlement/files/vordering-' + encodeURIComponent(slug) + '.csv?' + query, 'data-testid': 'file-link', text: 'CSV' }),
        document.createTextNode(' · '),
        el('a', { href: '/api/v1/reports/settlement/files/vordering-' + encodeURIComponent(slug) + '.html?' + query, 'data-testid': 'file-link', text: 'HTML', target: '_blank', rel: 'noopener' })
      ])
      : el('td', {});
    return el('tr', { className: className || '', 'data-testid': 'settlement-row', 'data-organizer': organizer }, [
      el('th', { scope: 'row', text: organizer }),
      el('td', { className: 'num', text: cardSystem === null || cardSystem === undefined ? '' : String(cardSystem) }),
      el('td', { className: 'num', text: String(totals.sales !== undefined ? totals.sales : '') }),
      el('td', { className: 'num', text: euro(totals, 'regular') }),
      el('td', { className: 'num', text: euro(totals, 'participant') }),
      el('td', { className: 'num', text: euro(totals, 'organizer') }),
      el('td', { className: 'num', text: euro(totals, 'municipality') }),
      el('td', { className: 'num' + (totals.deviations ? ' deviation' : ''), text: String(totals.deviations || 0) }),
      files
    ]);
  }

  function renderSettlement(settlement) {
    var summary = settlement.summary || [];
    var slugs = {};
    (settlement.claims || []).forEach(function (claim) { slugs[claim.organizer] = claim.slug; });
    q('settlement-none').hidden = summary.length > 0;
    var holder = q('settlement-table');
    if (!summary.length) { holder.replaceChildren(); return; }
    var columns = ['report.col.organizer', 'report.col.cardSystem', 'report.col.saleCount', 'report.col.regular', 'report.col.participant',
      'report.col.organizerShare', 'report.col.municipality', 'report.col.deviations', 'report.col.files'];
    var seen = {};
    var rows = summary.map(function (row) {
      var first = !seen[row.organizer];
      seen[row.organizer] = true;
      return settlementRow(row.organizer, row.cardSystemId, row.totals || {}, first ? slugs[row.organizer] : null);
    });
    if (settlement.total) { rows.push(settlementRow(t('report.grandTotal'), null, settlement.total, null, 'total')); }
    holder.replaceChildren(el('table', { className: 'report', 'data-testid': 'settlement-summary' }, [
      el('thead', {}, [el('tr', {}, columns.map(function (key, i) { return el('th', { className: i > 0 && i < 8 ? 'num' : '', text: t(key) }); }))]),
      el('tbody', {}, rows)
    ]));
    var files = el('p', {}, [el('a', {
      href: '/api/v1/reports/settlement/files/samenvatting.csv?' + query, 'data-testid': 'file-link', 'data-file': 'samenvatting.csv', text: 'samenvatting.csv'
    })]);
    holder.appendChild(files);
  }

  function problemText(answer) {
    return (answer.body && (answer.body.detail || answer.body.title)) || String(answer.status);
  }

  function showError(text) {
    var node = q('report-error');
    node.textContent = text ? t('report.failed', text) : '';
    node.hidden = !text;
  }

  api('GET', '/api/v1/reports/participation?' + query).then(function (answer) {
    if (!answer.ok) { showError(problemText(answer)); q('report-period').textContent = ''; return; }
    renderParticipation(answer.body || {});
    q('report-body').hidden = false;
    Array.prototype.forEach.call(document.querySelectorAll('[data-testid="chart"]'), loadChart);
    return api('GET', '/api/v1/reports/settlement?' + query).then(function (settlement) {
      var error = q('settlement-error');
      error.hidden = settlement.ok;
      error.textContent = settlement.ok ? '' : t('report.failed', problemText(settlement));
      if (settlement.ok) { renderSettlement(settlement.body || {}); }
    });
  }).catch(function (error) {
    showError(error.message);
  });
}());
