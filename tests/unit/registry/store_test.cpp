// Registry search keys (pure) and the organisations store on SQLite and PostgreSQL: Greek and
// Latin search, filters, Greek collation, tenant isolation, ΑΦΜ uniqueness, duplicates.
#include <gtest/gtest.h>

#include <algorithm>

#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/store.hpp"
#include "pg_fixture.hpp"
#include "platform/text/text.hpp"
#include "platform/web/tenant.hpp"

using namespace syn;
using namespace syn::registry;

// ---------------------------------------------------------------- pure search keys

TEST(RegistrySearch, StoredTextHoldsGreekAndLatinFormsOfPublicFieldsOnly) {
    Organisation o;
    o.profile.official_name = "Σύλλογος Γονέων";
    o.profile.neighbourhood = "Βέργα";
    o.profile.description_markdown = "Μυστική περιγραφή";
    o.profile.visibility["description_markdown"] = Visibility::Municipality;
    const auto t = search_text(o);
    EXPECT_TRUE(t.starts_with("συλλογοσ γονεων |")) << t;
    EXPECT_NE(t.find("syllogos goneon"), std::string::npos) << t;
    EXPECT_NE(t.find("βεργα"), std::string::npos) << t;
    EXPECT_NE(t.find("verga"), std::string::npos) << t;
    EXPECT_EQ(t.find("μυστικ"), std::string::npos) << t;
}

TEST(RegistryVisibility, RedactionBlanksMunicipalityOnlyFields) {
    Organisation o;
    o.profile.official_name = "Όμιλος";
    o.profile.phone = "+302721012345";        // municipality-only by default
    o.profile.email = "info@example.gr";      // public by default
    o.profile.board.president = "Ελένη";      // municipality-only by default
    o.profile.seat_address = "Αριστομένους 1";
    o.profile.visibility["seat_address"] = Visibility::Municipality;
    o.return_reasons = {"λείπει το καταστατικό"};
    const auto r = redact_for_public(o);
    EXPECT_EQ(r.profile.official_name, "Όμιλος");
    EXPECT_EQ(r.profile.email, "info@example.gr");
    EXPECT_TRUE(r.profile.phone.empty());
    EXPECT_TRUE(r.profile.board.president.empty());
    EXPECT_TRUE(r.profile.seat_address.empty());
    EXPECT_TRUE(r.return_reasons.empty());
}

// ---------------------------------------------------------------- store, both engines

namespace {

class RegistryStoreTest : public test::BackendTest {
protected:
    void SetUp() override {
        test::BackendTest::SetUp();
        if (IsSkipped()) return;
        apply({"0001_", "0002_", "0003_", "0004_", "0012_"});
        db().transact([&](soci::session& s) {
            web::Tenant a{0, "4401", "Καλαμάτας", "Kalamata", "", "", "kalamata", "", "#003476", ""};
            web::Tenant b{0, "4701", "Περιστερίου", "Peristeri", "", "", "peristeri", "", "#003476", ""};
            mun_a = web::insert_tenant(s, a);
            mun_b = web::insert_tenant(s, b);
        });
    }

    std::int64_t add(std::int64_t mun, const std::string& name, State state, const std::string& kind = "association",
                     const std::string& subtype = "parents", const std::string& afm = "", std::vector<std::string> areas = {},
                     const std::string& neighbourhood = "") {
        return db().transact([&](soci::session& s) {
            Organisation o;
            o.municipality_id = mun;
            o.profile.official_name = name;
            o.profile.kind = kind;
            o.profile.subtype = subtype;
            o.profile.afm = afm;
            o.profile.areas = std::move(areas);
            o.profile.neighbourhood = neighbourhood;
            o.profile.latitude = "37.04";
            o.profile.longitude = "22.11";
            o.state = state;
            o.created_at = o.updated_at = ++clock;
            if (state != State::Draft) o.submitted_at = clock;
            return store::insert(s, o);
        });
    }

    std::vector<std::string> names(const DirectoryQuery& q, std::int64_t mun = 0) {
        auto page = db().read([&](soci::session& s) { return store::directory(s, mun ? mun : mun_a, q); });
        std::vector<std::string> out;
        for (const auto& o : page.items) out.push_back(o.profile.official_name);
        return out;
    }

    std::int64_t mun_a = 0, mun_b = 0, clock = 1'700'000'000;
};

DirectoryQuery search(const std::string& q) {
    DirectoryQuery d;
    d.q = q;
    return d;
}

}  // namespace

TEST_P(RegistryStoreTest, SearchIgnoresAccentsAndCaseMatchesPrefixesAndLatinLetters) {
    add(mun_a, "Σύλλογος Γονέων και Κηδεμόνων 3ου Δημοτικού", State::Verified);
    add(mun_a, "Αθλητικός Όμιλος Καλαμάτας", State::Submitted);
    const std::vector<std::string> parents{"Σύλλογος Γονέων και Κηδεμόνων 3ου Δημοτικού"};
    EXPECT_EQ(names(search("συλλογος γονεων")), parents);
    EXPECT_EQ(names(search("ΣΥΛΛΟΓΟΣ ΓΟΝΈΩΝ")), parents);
    EXPECT_EQ(names(search("συλλ γον")), parents);
    EXPECT_EQ(names(search("syllogos goneon")), parents);
    EXPECT_EQ(names(search("Syllog")), parents);
    EXPECT_EQ(names(search("athlitikos")), std::vector<std::string>{"Αθλητικός Όμιλος Καλαμάτας"});
    EXPECT_TRUE(names(search("ποδηλατικός")).empty());
    EXPECT_EQ(names(search("!!!")).size(), 2u);  // no words: no search condition
}

TEST_P(RegistryStoreTest, OnlySubmittedAndVerifiedAreListedAndOnlyInTheirMunicipality) {
    add(mun_a, "Πρόχειρο", State::Draft);
    add(mun_a, "Επιστράφηκε", State::Returned);
    add(mun_a, "Ανεστάλη", State::Suspended);
    add(mun_a, "Διαλύθηκε", State::Dissolved);
    add(mun_a, "Υποβλήθηκε", State::Submitted);
    add(mun_a, "Επαληθεύτηκε", State::Verified);
    add(mun_b, "Περιστέρι Σύλλογος", State::Verified);
    auto all = names({});
    std::sort(all.begin(), all.end());
    EXPECT_EQ(all, (std::vector<std::string>{"Επαληθεύτηκε", "Υποβλήθηκε"}));
    DirectoryQuery verified;
    verified.verified_only = true;
    EXPECT_EQ(names(verified), std::vector<std::string>{"Επαληθεύτηκε"});
    EXPECT_EQ(names(search("περιστερι")), std::vector<std::string>{});
    EXPECT_EQ(names({}, mun_b), std::vector<std::string>{"Περιστέρι Σύλλογος"});
    // By id, too: another municipality's organisation does not exist here.
    const auto theirs = add(mun_b, "Άλλος", State::Verified);
    EXPECT_FALSE(db().read([&](soci::session& s) { return store::by_id(s, mun_a, theirs); }));
}

TEST_P(RegistryStoreTest, SortsByGreekCollationOrNewestAndPages) {
    add(mun_a, "Ωμέγα", State::Verified);
    add(mun_a, "άλφα", State::Verified);
    add(mun_a, "Βήτα", State::Verified);
    add(mun_a, "Alpha", State::Verified);
    // Greek collation: accents and case do not split a letter, and Greek script comes before Latin.
    EXPECT_EQ(names({}), (std::vector<std::string>{"άλφα", "Βήτα", "Ωμέγα", "Alpha"}));
    DirectoryQuery newest;
    newest.sort = DirectorySort::Newest;
    EXPECT_EQ(names(newest), (std::vector<std::string>{"Alpha", "Βήτα", "άλφα", "Ωμέγα"}));
    DirectoryQuery second;
    second.per_page = 3;
    second.page = 2;
    auto page = db().read([&](soci::session& s) { return store::directory(s, mun_a, second); });
    EXPECT_EQ(page.total, 4);
    EXPECT_EQ(page.pages, 2);
    ASSERT_EQ(page.items.size(), 1u);
    EXPECT_EQ(page.items[0].profile.official_name, "Alpha");
    second.page = 99;  // clamped to the last page
    EXPECT_EQ(db().read([&](soci::session& s) { return store::directory(s, mun_a, second); }).page, 2);
}

TEST_P(RegistryStoreTest, NumbersInNamesSortByValueAndASearchRanksItsBestMatchesFirst) {
    add(mun_a, "Σύλλογος Γονέων 10ου Δημοτικού", State::Verified);
    add(mun_a, "Σύλλογος Γονέων 9ου Δημοτικού", State::Verified);
    add(mun_a, "Σύλλογος Γονέων 1ου Δημοτικού", State::Verified);
    add(mun_a, "Φωτογραφική Λέσχη", State::Verified);
    add(mun_a, "Όμιλος Οδοφωτισμού", State::Verified);
    add(mun_a, "Φωτισμός και Τέχνη", State::Verified);
    EXPECT_EQ(names(search("γονεων")), (std::vector<std::string>{"Σύλλογος Γονέων 1ου Δημοτικού", "Σύλλογος Γονέων 9ου Δημοτικού",
                                                                 "Σύλλογος Γονέων 10ου Δημοτικού"}));
    // The whole word first, then the compound that holds it; by name the compound comes first.
    EXPECT_EQ(names(search("φωτισμος")), (std::vector<std::string>{"Φωτισμός και Τέχνη", "Όμιλος Οδοφωτισμού"}));
    auto by_name = search("φωτισμος");
    by_name.sort = DirectorySort::Name;
    EXPECT_EQ(names(by_name), (std::vector<std::string>{"Όμιλος Οδοφωτισμού", "Φωτισμός και Τέχνη"}));
    // Inflected and Greeklish by sound.
    EXPECT_EQ(names(search("συλλόγων 9ο")), std::vector<std::string>{"Σύλλογος Γονέων 9ου Δημοτικού"});
    EXPECT_EQ(names(search("sillogos 9ou")), std::vector<std::string>{"Σύλλογος Γονέων 9ου Δημοτικού"});
}

TEST_P(RegistryStoreTest, ARenamedOrganisationIsFoundByItsNewNameOnly) {
    const auto id = add(mun_a, "Χορωδία Καλαμάτας", State::Verified);
    for (const char* name : {"Μουσικός Όμιλος Καλαμάτας", "Φιλαρμονική Καλαμάτας"}) {
        db().transact([&](soci::session& s) {
            auto o = *store::by_id(s, mun_a, id);
            o.profile.official_name = name;
            store::update_profile(s, o);
        });
    }
    EXPECT_TRUE(names(search("χορωδια")).empty());
    EXPECT_TRUE(names(search("μουσικοσ")).empty()) << "the index forgets each old text exactly";
    EXPECT_EQ(names(search("φιλαρμονικη καλαματα")), std::vector<std::string>{"Φιλαρμονική Καλαμάτας"});
    EXPECT_EQ(names(search("καλαματα")), std::vector<std::string>{"Φιλαρμονική Καλαμάτας"});
}

TEST_P(RegistryStoreTest, AnUpgradeRefillsEverySearchTextAndNameOrder) {
    add(mun_a, "Σύλλογος Γονέων 10ου Δημοτικού", State::Verified);
    add(mun_a, "Σύλλογος Γονέων 9ου Δημοτικού", State::Verified);
    // What migration 0012 leaves: no search text, no index entries, an old name order.
    db().transact([&](soci::session& s) {
        s << "UPDATE organisations SET search_text = '', name_sort = 'ff'";
        if (!pg()) s << "INSERT INTO organisation_search (organisation_search) VALUES ('delete-all')";
    });
    EXPECT_TRUE(names(search("γονεων")).empty());
    EXPECT_EQ(refill_search(db()), 2u);
    EXPECT_EQ(refill_search(db()), 0u) << "nothing twice";
    EXPECT_EQ(names(search("γονεις")), (std::vector<std::string>{"Σύλλογος Γονέων 9ου Δημοτικού", "Σύλλογος Γονέων 10ου Δημοτικού"}));
}

TEST_P(RegistryStoreTest, FiltersByKindAreaAndOnlyAPublicNeighbourhood) {
    add(mun_a, "Χορωδία", State::Verified, "association", "cultural", "", {"culture", "education"}, "Βέργα");
    add(mun_a, "Κοινσεπ", State::Verified, "kalo", "koispe", "", {"employment"}, "Κέντρο");
    DirectoryQuery kind;
    kind.kind = "kalo";
    EXPECT_EQ(names(kind), std::vector<std::string>{"Κοινσεπ"});
    DirectoryQuery area;
    area.area = "education";
    EXPECT_EQ(names(area), std::vector<std::string>{"Χορωδία"});
    DirectoryQuery nb;
    nb.neighbourhood = "Βέργα";
    EXPECT_EQ(names(nb), std::vector<std::string>{"Χορωδία"});
    EXPECT_EQ(db().read([&](soci::session& s) { return store::listed_neighbourhoods(s, mun_a); }),
              (std::vector<std::string>{"Βέργα", "Κέντρο"}));

    // Hide the choir's neighbourhood: it must stop matching the filter and the search.
    db().transact([&](soci::session& s) {
        auto o = *store::by_slug(s, mun_a, text::slug("Χορωδία"));
        EXPECT_EQ(o.profile.areas, (std::vector<std::string>{"culture", "education"}));
        o.profile.visibility["neighbourhood"] = Visibility::Municipality;
        store::update_profile(s, o);
    });
    EXPECT_TRUE(names(nb).empty());
    EXPECT_TRUE(names(search("βεργα")).empty());
    EXPECT_EQ(db().read([&](soci::session& s) { return store::listed_neighbourhoods(s, mun_a); }), std::vector<std::string>{"Κέντρο"});
}

TEST_P(RegistryStoreTest, SearchCombinesWithEveryFilterAndFollowsTheState) {
    add(mun_a, "Σύλλογος Χορωδίας", State::Verified, "association", "cultural", "", {"culture"}, "Βέργα");
    const auto sub = add(mun_a, "Σύλλογος Αθλητών", State::Submitted, "association", "sports", "", {"sport"}, "Κέντρο");
    add(mun_a, "Σύλλογος Κοινσεπ", State::Verified, "kalo", "koispe", "", {"social_solidarity"}, "Κέντρο");
    add(mun_a, "Σύλλογος Πρόχειρος", State::Draft, "association", "cultural", "", {"culture"}, "Βέργα");
    add(mun_b, "Σύλλογος Περιστερίου", State::Verified, "association", "cultural", "", {"culture"}, "Βέργα");
    auto q = search("συλλογος");
    auto sorted = [&](DirectoryQuery d) {
        auto n = names(d);
        std::sort(n.begin(), n.end());
        return n;
    };
    EXPECT_EQ(sorted(q), (std::vector<std::string>{"Σύλλογος Αθλητών", "Σύλλογος Κοινσεπ", "Σύλλογος Χορωδίας"}));
    q.kind = "kalo";
    EXPECT_EQ(names(q), std::vector<std::string>{"Σύλλογος Κοινσεπ"});
    q.kind.clear();
    q.area = "culture";
    EXPECT_EQ(names(q), std::vector<std::string>{"Σύλλογος Χορωδίας"});
    q.area.clear();
    q.verified_only = true;
    EXPECT_EQ(sorted(q), (std::vector<std::string>{"Σύλλογος Κοινσεπ", "Σύλλογος Χορωδίας"}));
    q.verified_only = false;
    q.neighbourhood = "Κέντρο";
    EXPECT_EQ(sorted(q), (std::vector<std::string>{"Σύλλογος Αθλητών", "Σύλλογος Κοινσεπ"}));
    q.neighbourhood.clear();
    auto page = db().read([&](soci::session& s) { return store::directory(s, mun_a, q); });
    EXPECT_EQ(page.total, 3);

    // Verifying, then suspending, moves it in and out of the verified and listed searches.
    db().transact([&](soci::session& s) {
        auto o = *store::by_id_for_update(s, mun_a, sub);
        o.state = State::Verified;
        store::update_lifecycle(s, o);
    });
    q.verified_only = true;
    EXPECT_EQ(names(q).size(), 3u);
    db().transact([&](soci::session& s) {
        auto o = *store::by_id_for_update(s, mun_a, sub);
        o.state = State::Suspended;
        store::update_lifecycle(s, o);
    });
    q.verified_only = false;
    EXPECT_EQ(sorted(q), (std::vector<std::string>{"Σύλλογος Κοινσεπ", "Σύλλογος Χορωδίας"}));
}

TEST_P(RegistryStoreTest, AfmIsUniqueWithinAMunicipalityAndSlugsNeverCollide) {
    const auto first = add(mun_a, "Όμιλος", State::Draft, "association", "sports", "090000045");
    EXPECT_THROW(add(mun_a, "Άλλος Όμιλος", State::Draft, "association", "sports", "090000045"), db::UniqueViolation);
    EXPECT_NO_THROW(add(mun_b, "Όμιλος", State::Draft, "association", "sports", "090000045"));
    const auto second = add(mun_a, "Όμιλος", State::Draft);  // no ΑΦΜ: NULL, never a duplicate key
    add(mun_a, "Όμιλος", State::Draft);
    db().read([&](soci::session& s) {
        EXPECT_EQ(store::by_id(s, mun_a, first)->slug, "omilos");
        EXPECT_EQ(store::by_id(s, mun_a, second)->slug, "omilos-2");
        EXPECT_TRUE(store::afm_taken(s, mun_a, "090000045", 0));
        EXPECT_FALSE(store::afm_taken(s, mun_a, "090000045", first));
        const auto dups = store::duplicates(s, mun_a, first, "090000045", text::fold("ΌΜΙΛΟΣ"));
        EXPECT_EQ(dups.size(), 2u);  // the two other «Όμιλος» rows, by name
    });
}

TEST_P(RegistryStoreTest, ReadsBackWhatWasWritten) {
    const auto id = add(mun_a, "Σύλλογος", State::Draft, "association", "parents", "", {"education"});
    db().transact([&](soci::session& s) {
        auto o = *store::by_id_for_update(s, mun_a, id);
        o.profile.board.president = "Ελένη Παππά";
        o.profile.board.members = {"Α", "Β"};
        o.profile.social_links = {"https://facebook.com/x"};
        o.profile.declared_members = "120";
        o.profile.visibility["email"] = Visibility::Municipality;
        store::update_profile(s, o);
        o.state = State::Returned;
        o.return_reasons = {"Λείπει το καταστατικό"};
        store::update_lifecycle(s, o);
        store::add_history(s, mun_a, id, {0, std::nullopt, "", "return", "submitted", "returned", {"Λείπει"}, 5});
    });
    auto o = *db().read([&](soci::session& s) { return store::by_id(s, mun_a, id); });
    EXPECT_EQ(o.profile.board.president, "Ελένη Παππά");
    EXPECT_EQ(o.profile.board.members, (std::vector<std::string>{"Α", "Β"}));
    EXPECT_EQ(o.profile.social_links, std::vector<std::string>{"https://facebook.com/x"});
    EXPECT_EQ(o.profile.declared_members, "120");
    EXPECT_EQ(o.profile.areas, std::vector<std::string>{"education"});
    EXPECT_EQ(visibility_of(o.profile, "email"), Visibility::Municipality);
    EXPECT_EQ(o.profile.latitude, "37.04");
    ASSERT_TRUE(o.latitude);
    EXPECT_DOUBLE_EQ(*o.latitude, 37.04);
    EXPECT_EQ(o.state, State::Returned);
    EXPECT_EQ(o.return_reasons, std::vector<std::string>{"Λείπει το καταστατικό"});
    auto h = db().read([&](soci::session& s) { return store::history(s, mun_a, id); });
    ASSERT_EQ(h.size(), 1u);
    EXPECT_EQ(h[0].to_state, "returned");
    EXPECT_FALSE(h[0].actor_id);
    EXPECT_TRUE(db().read([&](soci::session& s) { return store::history(s, mun_b, id); }).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryStoreTest, test::kBothBackends, test::backend_name);
