// Registry rules: lifecycle, expiry, validation, checklist, taxonomy.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

#include "modules/registry/rules.hpp"

using namespace syn::registry;

namespace {

std::int64_t at(int y, unsigned m, unsigned d, int hh = 0, int mm = 0) {
    using namespace std::chrono;
    const sys_days date{year{y} / month{m} / day{d}};
    return time_point_cast<seconds>(date + hours{hh} + minutes{mm}).time_since_epoch().count();
}

const std::int64_t kNow = at(2026, 11, 22, 12);

// A valid association; each test spoils one field.
OrganisationInput good() {
    OrganisationInput in;
    in.official_name = "Σύλλογος Γονέων και Κηδεμόνων 5ου Δημοτικού Σχολείου Καλαμάτας";
    in.distinctive_title = "Γονείς 5ου";
    in.kind = "association";
    in.subtype = "parents";
    in.afm = "090000045";
    in.gemi_number = "123456789012";
    in.court_registry_number = "123/2010";
    in.founding_date = "2010-09-15";
    in.areas = {"education", "youth"};
    in.description_markdown = "Ο **σύλλογος** στηρίζει το σχολείο.";
    in.seat_address = "Αριστομένους 50, Καλαμάτα";
    in.neighbourhood = "Κέντρο";
    in.postal_code = "24100";
    in.latitude = "37.0389";
    in.longitude = "22.1142";
    in.email = "info@goneis5.gr";
    in.phone = "2721012345";
    in.website = "https://goneis5.gr";
    in.social_links = {"https://facebook.com/goneis5"};
    in.declared_members = "120";
    in.board = {"Μαρία Παπαδοπούλου", "Γιώργος Νικολάου", "Ελένη Δημητρίου", {"Κώστας Αλεξίου"}};
    return in;
}

// The fields named in the problems, for compact assertions.
std::set<std::string> fields(const std::vector<Problem>& ps) {
    std::set<std::string> out;
    for (const auto& p : ps) out.insert(p.field);
    return out;
}

bool refused(OrganisationInput in, const std::string& field) { return fields(check(in, kNow)).count(field) == 1; }

}  // namespace

// ------------------------------------------------------------------ lifecycle

struct Row { State from; Event event; bool ok; State to; };

TEST(RegistryLifecycle, EveryStateEventPairFollowsTheTable) {
    using S = State;
    using E = Event;
    const std::vector<std::string> reasons{"Λείπει το καταστατικό"};
    const S all_states[] = {S::Draft, S::Submitted, S::Verified, S::Returned, S::Suspended, S::Dissolved};
    const E all_events[] = {E::Submit, E::Verify, E::ReturnWithReasons, E::Suspend, E::Reinstate, E::Dissolve, E::Renew, E::Expire};
    // Allowed transitions; every other pair must be refused.
    const std::vector<Row> allowed{
        {S::Draft, E::Submit, true, S::Submitted},
        {S::Returned, E::Submit, true, S::Submitted},
        {S::Submitted, E::Verify, true, S::Verified},
        {S::Submitted, E::ReturnWithReasons, true, S::Returned},
        {S::Verified, E::Suspend, true, S::Suspended},
        {S::Suspended, E::Reinstate, true, S::Verified},
        {S::Draft, E::Dissolve, true, S::Dissolved},
        {S::Submitted, E::Dissolve, true, S::Dissolved},
        {S::Verified, E::Dissolve, true, S::Dissolved},
        {S::Returned, E::Dissolve, true, S::Dissolved},
        {S::Suspended, E::Dissolve, true, S::Dissolved},
        {S::Verified, E::Renew, true, S::Verified},
        {S::Verified, E::Expire, true, S::Submitted},
    };
    int allowed_seen = 0, refused_seen = 0;
    for (S s : all_states) {
        for (E e : all_events) {
            const auto t = next(s, e, reasons);
            auto it = std::find_if(allowed.begin(), allowed.end(), [&](const Row& r) { return r.from == s && r.event == e; });
            SCOPED_TRACE(std::string(state_code(s)) + " + " + event_code(e));
            if (it != allowed.end()) {
                ++allowed_seen;
                EXPECT_TRUE(t.ok);
                EXPECT_EQ(t.to, it->to);
                EXPECT_EQ(t.refusal, nullptr);
            } else {
                ++refused_seen;
                EXPECT_FALSE(t.ok);
                EXPECT_EQ(t.to, s) << "a refusal leaves the state unchanged";
                ASSERT_NE(t.refusal, nullptr);
                EXPECT_GT(std::string(t.refusal).size(), 10u);
            }
        }
    }
    EXPECT_EQ(allowed_seen, 13);
    EXPECT_EQ(refused_seen, 6 * 8 - 13);
}

TEST(RegistryLifecycle, RefusalsExplainThemselves) {
    EXPECT_STREQ(next(State::Draft, Event::Verify).refusal, "Only a submitted organisation can be verified");
    EXPECT_STREQ(next(State::Dissolved, Event::Dissolve).refusal, "This organisation is already dissolved");
    EXPECT_STREQ(next(State::Verified, Event::Submit).refusal, "Only a draft or returned organisation can be submitted");
}

TEST(RegistryLifecycle, ReturnNeedsNonBlankReasons) {
    EXPECT_FALSE(next(State::Submitted, Event::ReturnWithReasons, {}).ok);
    EXPECT_FALSE(next(State::Submitted, Event::ReturnWithReasons, {""}).ok);
    EXPECT_FALSE(next(State::Submitted, Event::ReturnWithReasons, {"Λείπει το ΑΦΜ", "   "}).ok);
    EXPECT_STREQ(next(State::Submitted, Event::ReturnWithReasons, {" \t"}).refusal,
                 "Give at least one reason for returning the organisation");
    const auto t = next(State::Submitted, Event::ReturnWithReasons, {"Λείπει το ΑΦΜ"});
    EXPECT_TRUE(t.ok);
    EXPECT_EQ(t.to, State::Returned);
}

TEST(RegistryLifecycle, CodesRoundTrip) {
    for (int i = 0; i < 6; ++i) {
        const auto s = static_cast<State>(i);
        EXPECT_EQ(parse_state(state_code(s)), s);
        EXPECT_NE(state_label(s), nullptr);
    }
    for (int i = 0; i < 8; ++i) EXPECT_EQ(parse_event(event_code(static_cast<Event>(i))), static_cast<Event>(i));
    EXPECT_EQ(parse_state("approved"), std::nullopt);
    EXPECT_EQ(parse_event(""), std::nullopt);
    EXPECT_STREQ(state_code(State::Returned), "returned");
    EXPECT_STREQ(event_code(Event::ReturnWithReasons), "return_with_reasons");
}

// ------------------------------------------------------------------ expiry

TEST(RegistryExpiry, AddsCalendarMonthsClampingToMonthEnd) {
    EXPECT_EQ(verification_expires_at(at(2026, 1, 31, 10, 30), 1), at(2026, 2, 28, 10, 30));
    EXPECT_EQ(verification_expires_at(at(2028, 1, 31), 1), at(2028, 2, 29));  // leap year
    EXPECT_EQ(verification_expires_at(at(2026, 3, 15, 9), 12), at(2027, 3, 15, 9));
    EXPECT_EQ(verification_expires_at(at(2024, 2, 29), 12), at(2025, 2, 28));
    EXPECT_EQ(verification_expires_at(at(2026, 11, 30), 3), at(2027, 2, 28));
    EXPECT_EQ(verification_expires_at(at(2026, 8, 31), 1), at(2026, 9, 30));
    EXPECT_EQ(verification_expires_at(at(2026, 5, 10)), at(2027, 5, 10));  // default 12 months
}

TEST(RegistryExpiry, ReminderIsDueOnceInTheLastThirtyDays) {
    const auto expires = at(2027, 5, 10, 12);
    EXPECT_FALSE(reminder_due(at(2027, 4, 10, 11, 59), expires));  // 30 days + 1 minute before
    EXPECT_TRUE(reminder_due(at(2027, 4, 10, 12), expires));        // exactly 30 days before
    EXPECT_TRUE(reminder_due(at(2027, 5, 10, 11, 59), expires));
    EXPECT_FALSE(reminder_due(expires, expires));                   // already expired: the expire job's turn
    EXPECT_FALSE(reminder_due(at(2027, 4, 20), expires, at(2027, 4, 11)));  // sent in this window
    // A reminder from the previous period (before a renewal) does not suppress this one.
    EXPECT_TRUE(reminder_due(at(2027, 4, 20), expires, at(2026, 4, 11)));
}

// ------------------------------------------------------------------ validation

TEST(RegistryValidation, GoodInputHasNoProblems) {
    const auto ps = check(good(), kNow);
    for (const auto& p : ps) ADD_FAILURE() << p.field << ": " << p.msgid;
    // Minimal informal group: no ΑΦΜ and no seat needed.
    OrganisationInput g;
    g.official_name = "Ομάδα καθαρισμού παραλίας";
    g.kind = "civil_society";
    g.subtype = "informal_group";
    g.areas = {"environment"};
    EXPECT_TRUE(check(g, kNow).empty());
}

TEST(RegistryValidation, OfficialName) {
    auto in = good();
    in.official_name = "   ";
    EXPECT_TRUE(refused(in, "official_name"));
    in.official_name = "Σύλλογος\nδεύτερη γραμμή";
    EXPECT_TRUE(refused(in, "official_name"));
    std::string name;
    for (int i = 0; i < 200; ++i) name += "α";  // 200 letters, 400 bytes: allowed
    in.official_name = name;
    EXPECT_FALSE(refused(in, "official_name"));
    in.official_name = name + "β";
    EXPECT_TRUE(refused(in, "official_name"));
    in.official_name = std::string("Σύλλογος\x01");
    EXPECT_TRUE(refused(in, "official_name"));
}

TEST(RegistryValidation, KindAndSubtypeMustMatch) {
    auto in = good();
    in.kind = "company";
    EXPECT_TRUE(refused(in, "kind"));
    in = good();
    in.subtype = "koispe";  // a ΚΑλΟ form, not an association subtype
    EXPECT_TRUE(refused(in, "subtype"));
    in.kind = "kalo";
    EXPECT_FALSE(refused(in, "subtype"));
    in.subtype = "";
    EXPECT_TRUE(refused(in, "subtype"));
    in = good();
    in.kind = "";
    EXPECT_TRUE(refused(in, "kind"));
}

TEST(RegistryValidation, AfmRequiredExceptForInformalGroupsAndChecksummed) {
    auto in = good();
    in.afm = "123456789";
    EXPECT_TRUE(refused(in, "afm"));
    in.afm = "000000000";
    EXPECT_TRUE(refused(in, "afm"));
    in.afm = " 090000045 ";
    EXPECT_FALSE(refused(in, "afm"));
    in.afm = "";
    EXPECT_TRUE(refused(in, "afm"));
    in.kind = "civil_society";
    in.subtype = "informal_group";
    EXPECT_FALSE(refused(in, "afm"));
    in.afm = "123456789";  // optional, but if given it must be valid
    EXPECT_TRUE(refused(in, "afm"));
    const auto ps = check(in, kNow);
    auto it = std::find_if(ps.begin(), ps.end(), [](const Problem& p) { return p.field == "afm"; });
    ASSERT_NE(it, ps.end());
    EXPECT_NE(std::string(it->msgid).find("not valid"), std::string::npos);
}

TEST(RegistryValidation, RegistryNumbers) {
    auto in = good();
    for (const char* ok : {"", "123456789", "123456789012"}) {
        in.gemi_number = ok;
        EXPECT_FALSE(refused(in, "gemi_number")) << ok;
    }
    for (const char* bad : {"12345678", "1234567890123", "12345678a", "-123456789"}) {
        in.gemi_number = bad;
        EXPECT_TRUE(refused(in, "gemi_number")) << bad;
    }
    in = good();
    in.kalo_registry_number = std::string(31, '1');
    EXPECT_TRUE(refused(in, "kalo_registry_number"));
    in.kalo_registry_number = "ΚΑΛΟ-1234";
    EXPECT_FALSE(refused(in, "kalo_registry_number"));
    in.court_registry_number = "12/2010\n13/2011";
    EXPECT_TRUE(refused(in, "court_registry_number"));
}

TEST(RegistryValidation, FoundingDate) {
    auto in = good();
    for (const char* bad : {"2010-02-30", "2010-13-01", "15/09/2010", "2010-9-15", "2027-01-01", "1799-12-31", "abcd-ef-gh"}) {
        in.founding_date = bad;
        EXPECT_TRUE(refused(in, "founding_date")) << bad;
    }
    for (const char* ok : {"", "2024-02-29", "2026-11-22", "2026-11-23", "1850-01-01"}) {
        in.founding_date = ok;
        EXPECT_FALSE(refused(in, "founding_date")) << ok;
    }
    in.founding_date = "2026-11-24";  // two days ahead of `now`: future even in Athens
    EXPECT_TRUE(refused(in, "founding_date"));
}

TEST(RegistryValidation, AreasFromTheTaxonomyOnceEach) {
    auto in = good();
    in.areas = {};
    EXPECT_TRUE(refused(in, "areas"));
    in.areas = {"culture", "knitting"};
    EXPECT_TRUE(refused(in, "areas.1"));
    in.areas = {"culture", "sport", "culture"};
    EXPECT_TRUE(refused(in, "areas.2"));
    EXPECT_FALSE(refused(in, "areas.0"));
    in.areas = {"animal_welfare", "digital_skills", "migrants_refugees"};
    EXPECT_TRUE(check(in, kNow).empty());
}

TEST(RegistryValidation, Description) {
    auto in = good();
    in.description_markdown = std::string(10'000, 'x');
    EXPECT_FALSE(refused(in, "description_markdown"));
    in.description_markdown += "x";
    EXPECT_TRUE(refused(in, "description_markdown"));
    in.description_markdown = "Πρώτη γραμμή\n\nΔεύτερη παράγραφος";
    EXPECT_FALSE(refused(in, "description_markdown"));
    in.description_markdown = "bad \xff byte";
    EXPECT_TRUE(refused(in, "description_markdown"));
}

TEST(RegistryValidation, SeatNeighbourhoodPostalCode) {
    auto in = good();
    in.seat_address = "";
    EXPECT_TRUE(refused(in, "seat_address"));
    in = good();
    in.neighbourhood = std::string(101, 'a');
    EXPECT_TRUE(refused(in, "neighbourhood"));
    in = good();
    for (const char* bad : {"2410", "241000", "ABCDE", "04100"}) {
        in.postal_code = bad;
        EXPECT_TRUE(refused(in, "postal_code")) << bad;
    }
    for (const char* ok : {"24100", "241 00", ""}) {
        in.postal_code = ok;
        EXPECT_FALSE(refused(in, "postal_code")) << ok;
    }
}

TEST(RegistryValidation, CoordinatesInsideGreeceBothOrNone) {
    auto in = good();
    in.latitude = "48.8566";  // Paris
    in.longitude = "2.3522";
    EXPECT_TRUE(refused(in, "latitude"));
    EXPECT_TRUE(refused(in, "longitude"));
    in.latitude = "37,0389";  // Greek decimal comma
    in.longitude = "22,1142";
    EXPECT_TRUE(check(in, kNow).empty());
    in.latitude = "35.3387";  // Heraklion
    in.longitude = "35.0";    // east of Kastellorizo
    EXPECT_TRUE(refused(in, "longitude"));
    EXPECT_FALSE(refused(in, "latitude"));
    in.latitude = "37.0389";
    in.longitude = "";
    EXPECT_TRUE(refused(in, "longitude"));
    in.latitude = "";
    in.longitude = "";
    EXPECT_TRUE(check(in, kNow).empty());
    for (const char* bad : {"abc", "37.0.1", "1e1", "nan", "inf", "37.", "+37"}) {
        in.latitude = bad;
        in.longitude = "22.1";
        EXPECT_TRUE(refused(in, "latitude")) << bad;
    }
}

TEST(RegistryValidation, ContactFields) {
    auto in = good();
    in.email = "info@goneis5";
    EXPECT_TRUE(refused(in, "email"));
    in = good();
    in.phone = "12345";
    EXPECT_TRUE(refused(in, "phone"));
    in.phone = "+30 6912345678";
    EXPECT_FALSE(refused(in, "phone"));
    in = good();
    for (const char* bad : {"javascript:alert(1)", "JavaScript://goneis5.gr/%0aalert(1)", "data:text/html,x",
                            "ftp://goneis5.gr", "//goneis5.gr", "goneis5.gr", "https://", "https://user@evil.gr",
                            "https://goneis5.gr/\"onmouseover=x", "https://localhost", "https://goneis 5.gr"}) {
        in.website = bad;
        EXPECT_TRUE(refused(in, "website")) << bad;
    }
    for (const char* ok : {"http://goneis5.gr", "HTTPS://www.goneis5.gr/about?x=1#top", "https://goneis5.gr:8443/"}) {
        in.website = ok;
        EXPECT_FALSE(refused(in, "website")) << ok;
    }
}

TEST(RegistryValidation, AnAddressWithoutSchemeGetsHttpsAndPasses) {
    auto in = good();
    in.website = "  www.goneis5.gr/about ";
    in.social_links = {"facebook.com/goneis5", "https://instagram.com/goneis5"};
    const auto n = normalised(in);
    EXPECT_EQ(n.website, "https://www.goneis5.gr/about");
    EXPECT_EQ(n.social_links, (std::vector<std::string>{"https://facebook.com/goneis5", "https://instagram.com/goneis5"}));
    EXPECT_FALSE(refused(n, "website"));
    EXPECT_FALSE(refused(n, "social_links.0"));
    // Something that is no address stays refused, with the scheme or without.
    in.website = "javascript:alert(1)";
    EXPECT_EQ(normalised(in).website, "javascript:alert(1)");
    EXPECT_TRUE(refused(normalised(in), "website"));
    in.website = "goneis 5.gr";
    EXPECT_TRUE(refused(normalised(in), "website"));
}

TEST(RegistryValidation, SocialLinks) {
    auto in = good();
    in.social_links = {"https://facebook.com/a", "http://instagram.com/a"};
    EXPECT_TRUE(refused(in, "social_links.1"));  // https only
    in.social_links = {"https://facebook.com/a", "https://facebook.com/a"};
    EXPECT_TRUE(refused(in, "social_links.1"));
    in.social_links = {"javascript:alert(1)"};
    EXPECT_TRUE(refused(in, "social_links.0"));
    in.social_links.clear();
    for (int i = 0; i < 10; ++i) in.social_links.push_back("https://example.gr/" + std::to_string(i));
    EXPECT_TRUE(check(in, kNow).empty());
    in.social_links.push_back("https://example.gr/10");
    EXPECT_TRUE(refused(in, "social_links"));
}

TEST(RegistryValidation, DeclaredMembers) {
    auto in = good();
    for (const char* ok : {"", "0", "1000000"}) {
        in.declared_members = ok;
        EXPECT_FALSE(refused(in, "declared_members")) << ok;
    }
    for (const char* bad : {"-1", "1000001", "12a", "1.5", "99999999999999999999999"}) {
        in.declared_members = bad;
        EXPECT_TRUE(refused(in, "declared_members")) << bad;
    }
}

TEST(RegistryValidation, Board) {
    auto in = good();
    in.board.president = std::string(121, 'a');
    EXPECT_TRUE(refused(in, "board.president"));
    in = good();
    in.board.secretary = "Γιώργος\nΝικολάου";
    EXPECT_TRUE(refused(in, "board.secretary"));
    in = good();
    in.board.members = {"Κώστας", ""};
    EXPECT_TRUE(refused(in, "board.members.1"));
    in.board.members.assign(51, "Κώστας");
    EXPECT_TRUE(refused(in, "board.members"));
}

TEST(RegistryValidation, Visibility) {
    auto in = good();
    EXPECT_EQ(visibility_of(in, "phone"), Visibility::Municipality);
    EXPECT_EQ(visibility_of(in, "board"), Visibility::Municipality);
    EXPECT_EQ(visibility_of(in, "email"), Visibility::Public);
    in.visibility["email"] = Visibility::Municipality;
    EXPECT_EQ(visibility_of(in, "email"), Visibility::Municipality);
    EXPECT_TRUE(check(in, kNow).empty());
    in.visibility["official_name"] = Visibility::Municipality;  // the directory needs the name
    EXPECT_TRUE(refused(in, "visibility"));
}

// ------------------------------------------------------------------ checklist and taxonomy

TEST(RegistryChecklist, ListsEachFailedItemInOrder) {
    EXPECT_TRUE(checklist_failures({true, true, true, true}).empty());
    const auto all = checklist_failures({});
    ASSERT_EQ(all.size(), 4u);
    EXPECT_STREQ(all[0], "The required documents are missing");
    const auto one = checklist_failures({true, true, false, true});
    ASSERT_EQ(one.size(), 1u);
    EXPECT_STREQ(one[0], "The seat has not been confirmed to be within the municipality");
}

TEST(RegistryTaxonomy, CodesAreUniqueAndLabelled) {
    EXPECT_EQ(kinds().size(), 3u);
    EXPECT_EQ(subtypes("association").size(), 13u);
    EXPECT_EQ(subtypes("kalo").size(), 6u);
    EXPECT_EQ(subtypes("civil_society").size(), 4u);
    EXPECT_TRUE(subtypes("nope").empty());
    EXPECT_GE(areas().size(), 15u);
    std::set<std::string> codes;
    for (const auto& a : areas()) {
        EXPECT_TRUE(codes.insert(a.code).second) << a.code;
        EXPECT_STREQ(area_label(a.code), a.label);
    }
    EXPECT_STREQ(subtype_label("kalo", "koispe"), "Limited-liability social cooperative (Koi.S.P.E.)");
    EXPECT_EQ(subtype_label("association", "koispe"), nullptr);
    EXPECT_EQ(kind_label("company"), nullptr);
}
