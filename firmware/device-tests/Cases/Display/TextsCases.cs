using nanoFramework.TestFramework;
using Uitpas.Edge.Core.Display;

namespace Uitpas.Edge.DeviceTests.Cases.Display
{
    /// <summary>What the terminal says: in every language, and never naming the social tariff.</summary>
    [TestClass]
    public class TextsCases
    {
        [TestMethod]
        public void No_text_names_the_social_tariff_in_any_language()
        {
            Texts[] all = new Texts[] { Texts.Dutch, Texts.French, Texts.English };
            string[] forbidden = new string[] { "kansen", "tarif social", "social tariff", "korting", "réduction", "discount" };
            for (int i = 0; i < all.Length; i++)
            {
                Texts t = all[i];
                string[] lines = new string[]
                {
                    t.Ready, t.Busy, t.CheckedIn, t.Refused, t.Queued, t.QueuedDetail, t.Rejected, t.RejectedDetail,
                    t.OfflineRegistered, t.LimitReached, t.LimitReachedDetail, t.Blocked, t.PointsLine(2, 12),
                };
                for (int j = 0; j < lines.Length; j++)
                {
                    string lower = lines[j].ToLower();
                    for (int k = 0; k < forbidden.Length; k++)
                    {
                        Assert.IsFalse(lower.IndexOf(forbidden[k]) >= 0, t.Language + ": \"" + lines[j] + "\" names " + forbidden[k]);
                    }
                }
            }
        }

        [TestMethod]
        public void Points_line_uses_the_singular_for_one_point_and_leaves_out_an_unknown_total()
        {
            Assert.AreEqual("+1 punt · totaal 12", Texts.Dutch.PointsLine(1, 12), "singular with total");
            Assert.AreEqual("+3 points", Texts.French.PointsLine(3, -1), "plural without total");
        }

        [TestMethod]
        public void Unknown_language_falls_back_to_Dutch()
        {
            Assert.AreSame(Texts.Dutch, Texts.For("de"), "German is not offered");
            Assert.AreSame(Texts.English, Texts.For("en"), "English");
        }
    }
}
