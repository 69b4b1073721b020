// Greek search keys on known words: Snowball stems, endings, sounds of Greeklish, the stored
// sections, the query words and the match expressions of both engines, including what must not
// match (over-stemming, a wrong part, our own tokens typed into a search box).
#include <gtest/gtest.h>

#include "platform/text/greek.hpp"
#include "platform/text/search.hpp"
#include "platform/text/text.hpp"

using namespace syn::text;

namespace {

std::string folded_stem(std::string_view w) { return stem(fold(w)); }

}  // namespace

TEST(GreekStem, InflectedFormsOfOneWordShareTheirStem) {
    EXPECT_EQ(folded_stem("λακκούβες"), "λακκουβ");
    EXPECT_EQ(folded_stem("λακκούβα"), "λακκουβ");
    EXPECT_EQ(folded_stem("γονείς"), folded_stem("γονέων"));
    EXPECT_EQ(folded_stem("αθλητικοί"), folded_stem("Αθλητικός"));
    EXPECT_EQ(folded_stem("Σύλλογος"), folded_stem("συλλόγων"));
    EXPECT_EQ(folded_stem("δρόμος"), folded_stem("δρόμου"));
}

TEST(GreekStem, StemsThatWouldJoinUnrelatedWordsAreNotUsed) {
    // Snowball cuts "φωτισμός" to "φωτ"; "φωτογραφία" keeps "φωτογραφ": they stay apart.
    EXPECT_EQ(folded_stem("φωτισμός"), "φωτ");
    EXPECT_NE(folded_stem("φωτογραφία"), folded_stem("φωτισμός"));
    EXPECT_NE(folded_stem("οδοφωτισμού"), folded_stem("φωτισμός"));
    // Under three letters a stem is no key, and Latin words have none.
    EXPECT_EQ(folded_stem("ως"), "");
    EXPECT_EQ(stem("syllogos"), "");
    EXPECT_EQ(stem("302"), "");
    EXPECT_EQ(stem(""), "");
}

TEST(GreekEnding, TheWordWithoutItsEndingIsWhatCompoundsHoldInside) {
    EXPECT_EQ(without_ending(fold("φωτισμός")), "φωτισμ");
    EXPECT_EQ(without_ending(fold("λακκούβες")), "λακκουβ");
    EXPECT_EQ(without_ending(fold("ανακυκλώσεις")), "ανακυκλωσ");
    EXPECT_EQ(without_ending(fold("δρόμων")), "δρομ");
    // Fewer than four letters left: no part, it would be found inside too many words.
    EXPECT_EQ(without_ending(fold("γονείς")), "");
    EXPECT_EQ(without_ending(fold("νερό")), "");
    EXPECT_EQ(without_ending("kalamata"), "");
}

TEST(GreekSound, GreeklishSpellingsOfOneWordSoundAlike) {
    const auto s = sound(fold("Σύλλογος"));
    EXPECT_EQ(s, "silogos");
    for (const char* typed : {"syllogos", "sillogos", "sylogos", "silogos", "SYLLOGOS"}) EXPECT_EQ(sound(fold(typed)), s) << typed;
    EXPECT_EQ(sound(fold("συλογος")), s) << "misspelt Greek too";
    EXPECT_EQ(sound(fold("Καλαμάτας")), sound("kalamatas"));
    EXPECT_EQ(sound(fold("Μπουμπουλίνας")), sound("bouboulinas"));
    EXPECT_EQ(sound(fold("Ντίνος")), sound("dinos"));
    EXPECT_EQ(sound(fold("Θεάτρου")), sound("8eatrou"));
    EXPECT_EQ(sound(fold("ευχαριστώ")), sound("efharisto"));
    EXPECT_EQ(sound(fold("παιδιά")), sound("pedia"));
    // Different words stay different.
    EXPECT_NE(sound(fold("φωτισμός")), sound(fold("φωτογραφία")));
    EXPECT_NE(sound("kalamata"), sound("kalamaki"));
    EXPECT_EQ(sound("ab"), "") << "too short to be a key";
}

TEST(SearchDocument, KeepsFourSectionsOfDistinctTokens) {
    const auto doc = search_document(fold("Καμένη λάμπα οδοφωτισμού | Οδός Φαρών"), "zzm1");
    const auto sections = search_sections(doc);
    EXPECT_TRUE(sections[0].starts_with("καμενη λαμπα οδοφωτισμου | οδοσ φαρων || kameni lampa odofotismou | odos faron zzm1")) << sections[0];
    EXPECT_NE(sections[1].find("zz2λαμπ"), std::string_view::npos) << sections[1];
    EXPECT_NE(sections[2].find("zz3φωτισμου"), std::string_view::npos) << "the inside of the compound";
    EXPECT_EQ(sections[2].find("οδοφωτισμου"), std::string_view::npos) << "the whole word is in words";
    EXPECT_NE(sections[3].find("zz4laba"), std::string_view::npos) << sections[3];
    // A text from before sections is all words.
    EXPECT_EQ(search_sections("abc")[0], "abc");
    EXPECT_EQ(search_sections("abc")[3], "");
}

TEST(SearchQuery, WordsAreLettersAndDigitsInEveryForm) {
    const auto q = query_words("  Λακκούβες,  ΦΑΡΩΝ! 9ου");
    ASSERT_EQ(q.size(), 3u);
    EXPECT_EQ(q[0].word, "λακκουβεσ");
    EXPECT_EQ(q[0].stem, "λακκουβ");
    EXPECT_EQ(q[0].part, "λακκουβ");
    EXPECT_EQ(q[0].sound, "lakuves");
    EXPECT_EQ(q[2].word, "9ου");
    EXPECT_TRUE(query_words("  -- !! ").empty());
    EXPECT_EQ(query_words("a b c d e f g h i j k").size(), 8u);  // capped
    EXPECT_TRUE(query_words(std::string(10000, 'x')).empty()) << "a word longer than any word is no word";
    // Characters with a meaning in either query language never reach it, nor our own tokens.
    for (const auto& w : query_words("a\"b* c:d & e|f (g) 'h' NEAR( zzm1 zzrwname"))
        EXPECT_EQ(w.word.find_first_of("\"*:&|()' "), std::string::npos) << w.word;
    EXPECT_EQ(query_words("zzm1 zzrwname").size(), 0u);
}

TEST(SearchQuery, MatchExpressionsAskEachSectionUpToATier) {
    const auto words = query_words("φωτισμος");
    const std::vector<std::string> exact{"zzm1"};
    EXPECT_EQ(fts5_match({words, 1, exact}), "words : \"φωτισμοσ\"* AND words : \"zzm1\"");
    EXPECT_EQ(fts5_match({words, 4, exact}),
              "(words : \"φωτισμοσ\"* OR stems : \"zz2φωτ\" OR parts : \"zz3φωτισμ\"* OR sounds : \"zz4fotismos\"*) AND words : \"zzm1\"");
    EXPECT_EQ(pg_match({words, 4, exact}), "(φωτισμοσ:* | zz2φωτ | zz3φωτισμ:* | zz4fotismos:*) & zzm1");
    const std::vector<std::string> none;
    EXPECT_EQ(pg_match({query_words("papa"), 1, none, "r"}), "(papa:* | zzrwpapa:* | zzrspapa:*)");
}

TEST(SearchQuery, ALatinWordAlsoSoundsAsTheGreekItMayStandFor) {
    // h typed for η, x typed for χ: each adds a sound the word is also looked up by.
    const auto kalh = query_words("kamenh")[0];
    EXPECT_EQ(kalh.sound, "kamenh");
    EXPECT_EQ(kalh.sounds_also, std::vector<std::string>{sound(fold("καμένη"))});
    const auto xronia = query_words("xronia")[0];
    EXPECT_EQ(xronia.sounds_also, std::vector<std::string>{sound(fold("χρόνια"))});
    EXPECT_TRUE(query_words("christos")[0].sounds_also.empty()) << "ch is χ already";
    EXPECT_TRUE(query_words("καλη")[0].sounds_also.empty()) << "Greek words sound one way";
}
