// The dashboard's script: polls the agent's admin API with the session cookie and fills the
// page. Every value goes in through textContent or an attribute, never as HTML.
(function () {
  'use strict';

  var REFRESH_MS = 2000;
  var SETTINGS = ['language', 'resultTimeoutMs', 'resultShownMs', 'retapWindowMs', 'replayIntervalMs', 'statusIntervalMs'];
  var texts = JSON.parse(document.getElementById('dashboard-texts') ? document.getElementById('dashboard-texts').textContent : '{}');
  var lang = document.documentElement.lang || 'nl';
  var locale = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' }[lang] || 'nl-BE';

  function t(key) {
    var text = Object.prototype.hasOwnProperty.call(texts, key) ? texts[key] : key;
    for (var i = 1; i < arguments.length; i++) {
      text = text.split('{' + (i - 1) + '}').join(String(arguments[i]));
    }
    return text;
  }

  function q(testId, root) {
    return (root || document).querySelector('[data-testid="' + testId + '"]');
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (name) {
      if (name === 'text') { node.textContent = props[name]; }
      else if (name === 'className') { node.className = props[name]; }
      else if (props[name] !== null && props[name] !== undefined) { node.setAttribute(name, props[name]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function setText(testId, value) {
    var node = q(testId);
    if (node) { node.textContent = value === null || value === undefined || value === '' ? '—' : String(value); }
    return node;
  }

  function when(iso) {
    if (!iso) { return '—'; }
    var date = new Date(iso);
    if (isNaN(date.getTime())) { return '—'; }
    return date.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'medium' });
  }

  // Today's times without the date, for the table's narrow columns.
  function shortWhen(iso) {
    if (!iso) { return '—'; }
    var date = new Date(iso);
    if (isNaN(date.getTime())) { return '—'; }
    if (date.toDateString() === new Date().toDateString()) { return date.toLocaleTimeString(locale); }
    return date.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
  }

  function api(method, path, body) {
    var init = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json' } };
    if (method !== 'GET') { init.headers['X-Uitpas-Dashboard'] = '1'; }
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(path, init).then(function (response) {
      if (response.status === 401) {
        window.location.assign('/login');
        throw new Error('not signed in');
      }
      var type = response.headers.get('Content-Type') || '';
      var parsed = type.indexOf('json') >= 0 ? response.json() : Promise.resolve(null);
      return parsed.then(function (json) { return { status: response.status, ok: response.ok, body: json }; });
    });
  }

  function badge(kind, text, testId) {
    return el('span', { className: 'badge ' + kind, text: text, 'data-testid': testId || null });
  }

  function has(key) { return Object.prototype.hasOwnProperty.call(texts, key); }

  // Long build versions (1.0.0+<commit>) keep the commit's first 7 characters.
  function shortFirmware(firmware) {
    if (!firmware) { return '—'; }
    var plus = firmware.indexOf('+');
    return plus >= 0 && firmware.length > plus + 8 ? firmware.substring(0, plus + 8) : firmware;
  }

  function stateText(state) { return t('state.' + state); }

  function readerText(reader) { return t('reader.' + (reader || 'unknown')); }

  function configText(device) {
    if (device.config === 'refused') {
      var refusal = device.configRefusal || {};
      var reason = refusal.reason ? t('refusal.' + refusal.reason) : '';
      var detail = refusal.detail ? ' (' + refusal.detail + ')' : '';
      return t('config.refused', reason + detail);
    }
    if (device.config === 'pending') { return t('config.pending', device.desiredConfigVersion); }
    if (device.config === 'applied') { return t('config.applied', device.configVersion); }
    return t('config.none');
  }

  function siteText(device) {
    return [device.municipality, device.venue, device.counter].filter(function (part) { return part; }).join(' · ');
  }

  function eventText(current) {
    if (!current) { return ''; }
    return (current.title || current.eventId) + ' (' + t('field.until', when(current.until)) + ')';
  }

  function alertItem(alert) {
    var message = lang === 'nl' && alert.message ? alert.message : t('alert.' + alert.code, alert.deviceId);
    var link = el('a', { href: '/devices/' + encodeURIComponent(alert.deviceId), text: alert.deviceId });
    return el('li', {
      className: alert.severity, 'data-testid': 'alert', 'data-device': alert.deviceId,
      'data-code': alert.code, 'data-severity': alert.severity
    }, [
      badge(alert.severity, t('severity.' + alert.severity)), document.createTextNode(' '),
      link, document.createTextNode(': ' + message),
      el('span', { className: 'when', text: t('alert.since', when(alert.since)) })
    ]);
  }

  function logout() {
    api('POST', '/logout').then(function () { window.location.assign('/login'); }, function () { window.location.assign('/login'); });
  }

  // A poll loop: one request chain at a time, then the next after REFRESH_MS.
  function poll(load) {
    function next() {
      load().then(function () { setTimeout(next, REFRESH_MS); }, function () { setTimeout(next, REFRESH_MS); });
    }
    next();
  }

  // ---- the fleet page ----
  function fleetPage() {
    var devices = [];
    var alerts = [];
    var filters = ['filter-text', 'filter-municipality', 'filter-venue', 'filter-state', 'filter-alerting'].map(function (id) { return document.getElementById(id); });

    function fillSelect(select, values) {
      var chosen = select.value;
      var wanted = [''].concat(values);
      var have = Array.prototype.map.call(select.options, function (option) { return option.value; });
      if (have.join('\n') === wanted.join('\n')) { return; }
      while (select.options.length > 1) { select.remove(1); }
      values.forEach(function (value) { select.appendChild(el('option', { value: value, text: value })); });
      select.value = wanted.indexOf(chosen) >= 0 ? chosen : '';
    }

    function distinct(field) {
      var seen = {};
      devices.forEach(function (d) { if (d[field]) { seen[d[field]] = true; } });
      return Object.keys(seen).sort();
    }

    function matches(device) {
      var text = filters[0].value.trim().toLowerCase();
      if (text) {
        var hay = [device.id, device.region, device.municipality, device.venue, device.counter, device.organizer,
          device.currentEvent ? device.currentEvent.title : '', device.currentEvent ? device.currentEvent.eventId : ''].join(' ').toLowerCase();
        if (hay.indexOf(text) < 0) { return false; }
      }
      if (filters[1].value && device.municipality !== filters[1].value) { return false; }
      if (filters[2].value && device.venue !== filters[2].value) { return false; }
      if (filters[3].value && device.state !== filters[3].value) { return false; }
      if (filters[4].checked && !(device.alerts && device.alerts.length)) { return false; }
      return true;
    }

    function row(device) {
      var readerKind = device.reader === 'ok' ? 'ok' : device.reader;
      return el('tr', {
        'data-testid': 'device-row', 'data-device': device.id, 'data-state': device.state,
        'data-config': device.config, className: device.alerts && device.alerts.length ? 'alerting' : ''
      }, [
        el('td', {}, [el('a', { href: '/devices/' + encodeURIComponent(device.id), text: device.id, 'data-testid': 'device-link' })]),
        el('td', {}, [badge(device.state, stateText(device.state), 'device-state')]),
        el('td', { text: shortWhen(device.lastSeen), title: when(device.lastSeen) }),
        el('td', { text: shortWhen(device.lastTap), title: when(device.lastTap) }),
        el('td', {}, [badge(readerKind, readerText(device.reader), 'device-reader')]),
        el('td', { text: device.journal === null || device.journal === undefined ? '—' : String(device.journal) }),
        el('td', { text: shortFirmware(device.firmware), title: device.firmware || null }),
        el('td', {}, [badge(device.config, configText(device), 'device-config')]),
        el('td', { text: siteText(device) || '—' }),
        el('td', { text: eventText(device.currentEvent) || '—' })
      ]);
    }

    function render() {
      fillSelect(filters[1], distinct('municipality'));
      fillSelect(filters[2], distinct('venue'));
      var shown = devices.filter(matches);
      document.querySelector('[data-testid="fleet-table"] tbody').replaceChildren.apply(
        document.querySelector('[data-testid="fleet-table"] tbody'), shown.map(row));
      q('fleet-empty').hidden = shown.length > 0;
      setText('fleet-count', t('fleet.count', shown.length, devices.length));
      var list = q('alerts');
      list.replaceChildren.apply(list, alerts.map(alertItem));
      q('no-alerts').hidden = alerts.length > 0;
    }

    filters.forEach(function (input) {
      input.addEventListener('input', render);
      input.addEventListener('change', render);
    });
    q('filters').addEventListener('submit', function (event) { event.preventDefault(); });

    poll(function () {
      return Promise.all([api('GET', '/api/v1/devices'), api('GET', '/api/v1/alerts')]).then(function (answers) {
        if (!answers[0].ok || !answers[1].ok) { throw new Error('agent answered ' + answers[0].status + '/' + answers[1].status); }
        devices = answers[0].body || [];
        alerts = (answers[1].body || []).slice().sort(function (a, b) {
          return (a.severity === 'critical' ? 0 : 1) - (b.severity === 'critical' ? 0 : 1) || String(a.since).localeCompare(String(b.since));
        });
        q('fleet-error').hidden = true;
        setText('updated', t('fleet.updated', new Date().toLocaleTimeString(locale)));
        render();
      }).catch(function (error) {
        q('fleet-error').hidden = false;
        throw error;
      });
    });
  }

  // ---- one terminal's page ----
  function devicePage() {
    var id = document.body.getAttribute('data-device');
    var base = '/api/v1/devices/' + encodeURIComponent(id);
    var configPath = '/api/v1/config/device/' + encodeURIComponent(id);
    var form = document.getElementById('config-form');
    var configRows = {};

    SETTINGS.forEach(function (key) {
      var input = el('input', { name: key, id: 'setting-' + key, 'data-testid': 'setting-' + key, placeholder: t('config.inherited'), autocomplete: 'off' });
      var effective = el('td', { 'data-testid': 'effective-' + key, text: '—' });
      configRows[key] = { input: input, effective: effective };
      form.querySelector('tbody').appendChild(el('tr', {}, [
        el('td', {}, [el('label', { 'for': 'setting-' + key, text: t('setting.' + key) })]), effective, el('td', {}, [input])
      ]));
    });

    function fillList(list, lines) {
      var items = lines.length ? lines : [t('field.none')];
      list.replaceChildren.apply(list, items.map(function (line) { return el('li', { text: line }); }));
    }

    function showError(text) {
      var node = q('device-error');
      node.textContent = text || '';
      node.hidden = !text;
    }

    function loadLayer() {
      return api('GET', configPath).then(function (answer) {
        if (!answer.ok) { return; }
        var settings = (answer.body && answer.body.settings) || {};
        SETTINGS.forEach(function (key) { configRows[key].input.value = settings[key] === undefined || settings[key] === null ? '' : String(settings[key]); });
      });
    }

    function renderDetail(d) {
      var state = q('device-state');
      state.className = 'badge ' + d.state;
      state.textContent = stateText(d.state);
      state.setAttribute('data-state', d.state);
      setText('last-seen', when(d.lastSeen));
      setText('last-tap', when(d.lastTap));
      setText('reader', readerText(d.reader)).setAttribute('data-reader', d.reader);
      setText('journal', d.journal);
      setText('firmware', shortFirmware(d.firmware)).setAttribute('title', d.firmware || '');
      var config = setText('config-state', configText(d));
      config.setAttribute('data-state', d.config);
      config.setAttribute('data-version', String(d.configVersion || 0));
      config.className = 'badge ' + d.config;
      setText('config-desired', d.desiredConfigVersion || 0);
      var message = q('config-message');
      var pushed = Number(message.getAttribute('data-version') || 0);
      if (pushed > 0 && d.config === 'applied' && d.configVersion >= pushed) {
        message.textContent = t('config.done', pushed);
      }
      setText('language', d.language);
      setText('card-system', d.cardSystemId || '');
      ['region', 'municipality', 'venue', 'counter', 'organizer'].forEach(function (field) { setText('site-' + field, d[field]); });
      setText('current-event', eventText(d.currentEvent) || t('field.none'));
      setText('current-loan', d.loan ? d.loan.association + ' (' + t('field.until', when(d.loan.until)) + ')' : t('field.none'));
      fillList(q('events'), (d.events || []).map(function (e) {
        return (e.title || e.eventId) + ': ' + when(e.from) + ' – ' + when(e.until);
      }));
      fillList(q('loans'), (d.loans || []).map(function (l) {
        var end = l.returnedAt ? t('loan.returned', when(l.returnedAt), l.returnCondition + (l.note ? ', ' + l.note : '')) : t('loan.open');
        return l.association + ': ' + when(l.from) + ' – ' + when(l.until) + ' · ' + end;
      }));
      var taps = q('taps').querySelector('tbody');
      taps.replaceChildren.apply(taps, (d.recentTaps || []).map(function (tap) {
        var outcome = has('outcome.' + tap.outcome) ? t('outcome.' + tap.outcome) : tap.outcome;
        return el('tr', { 'data-testid': 'tap-row', 'data-outcome': tap.outcome }, [el('td', { text: when(tap.at) }), el('td', { text: outcome })]);
      }));
      q('no-taps').hidden = (d.recentTaps || []).length > 0;
      var effective = d.effectiveSettings || {};
      SETTINGS.forEach(function (key) {
        var value = effective[key];
        configRows[key].effective.textContent = value === undefined || value === null ? t('config.default') : String(value);
      });
      var codes = d.alerts || [];
      var list = q('device-alerts');
      list.replaceChildren.apply(list, codes.map(function (code) {
        return alertItem({ deviceId: d.id, code: code, severity: code === 'offline-during-event' ? 'critical' : 'warning', message: '' });
      }));
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var settings = {};
      SETTINGS.forEach(function (key) {
        var value = configRows[key].input.value.trim();
        settings[key] = value === '' ? null : value;
      });
      var message = q('config-message');
      message.className = '';
      api('PUT', configPath, { settings: settings }).then(function (answer) {
        if (!answer.ok) {
          message.removeAttribute('data-version');
          message.className = 'error';
          message.textContent = t('config.failed', (answer.body && (answer.body.detail || answer.body.title)) || answer.status);
          return;
        }
        var mine = ((answer.body && answer.body.devices) || []).filter(function (d) { return d.id === id; })[0];
        message.textContent = mine ? t('config.sent', mine.desiredVersion) : t('config.unchanged');
        message.setAttribute('data-version', mine ? String(mine.desiredVersion) : '');
        return loadLayer();
      }, function (error) {
        message.className = 'error';
        message.textContent = t('config.failed', error.message);
      });
    });

    loadLayer();
    poll(function () {
      return api('GET', base).then(function (answer) {
        if (answer.status === 404) { showError(t('device.notFound')); return; }
        if (!answer.ok) { throw new Error('agent answered ' + answer.status); }
        showError('');
        renderDetail(answer.body);
      }).catch(function (error) {
        showError(t('fleet.unreachable'));
        throw error;
      });
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll('[data-action="logout"]'), function (button) {
    button.addEventListener('click', logout);
  });
  // The helpers the report page's script (reports.js, loaded after this one) builds on.
  window.UitpasDashboard = { t: t, q: q, el: el, api: api, has: has, lang: lang, locale: locale };
  var page = document.body.getAttribute('data-page');
  if (page === 'fleet') { fleetPage(); }
  if (page === 'device') { devicePage(); }
}());
