// Registry data formats: CSV import mapping, API JSON, HSDS 3.0 objects and the CSV export.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>
#include <vector>

#include "modules/registry/formats.hpp"
#include "modules/registry/rules.hpp"
#include "platform/text/csv.hpp"

using namespace syn::registry;
using namespace syn::registry::formats;
using Cells = std::vector<std::string>;

namespace {

const std::int64_t kNow = 1'795'000'000;  // 2026-11-17

// A stand-in for the Greek catalog, for the labels these tests use.
std::string greek(const char* msgid) {
    static const std::map<std::string, std::string> el{
        {"Association", "Σύλλογος"},
        {"Cultural association", "Πολιτιστικός σύλλογος"},
        {"Culture", "Πολιτισμός"},
        {"President", "Πρόεδρος"},
    };
    auto it = el.find(msgid);
    return it == el.end() ? msgid : it->second;
}

Organisation listed_organisation() {
    Organisation o;
    o.id = 42;
    o.municipality_id = 1;
    o.slug = "politistikos-syllogos-vergas";
    o.state = State::Verified;
    auto& p = o.profile;
    p.official_name = "Πολιτιστικός Σύλλογος Βέργας";
    p.distinctive_title = "Η Βέργα";
    p.kind = "association";
    p.subtype = "cultural";
    p.afm = "090000045";
    p.gemi_number = "123456789";
    p.founding_date = "1985-05-12";
    p.areas = {"culture", "education"};
    p.description_markdown = "Χορευτικά **τμήματα**.";
    p.seat_address = "Αριστομένους 10, Καλαμάτα";
    p.neighbourhood = "Βέργα";
    p.postal_code = "24100";
    p.latitude = "37.0389";
    p.longitude = "22.1142";
    o.latitude = 37.0389;
    o.longitude = 22.1142;
    p.email = "info@vergas.gr";
    p.phone = "+302721012345";  // municipality-only by default
    p.website = "https://vergas.gr";
    p.board.president = "Μαρία Παπαδοπούλου";  // the board is municipality-only by default
    p.declared_members = "120";
    return o;
}

Place kalamata() { return {"4401", 1, "Δήμος Καλαμάτας", "ΠΕΛΟΠΟΝΝΗΣΟΥ"}; }

Header header_of(const Cells& cells) { return read_header(cells); }

}  // namespace

// ---------------------------------------------------------------- header

TEST(RegistryImportHeader, EnglishCodesInAnyOrder) {
    auto h = header_of({"kind", "official_name", "subtype", "afm", "areas", "seat_address"});
    EXPECT_TRUE(h.ok());
    EXPECT_EQ(h.width, 6u);
}

TEST(RegistryImportHeader, GreekLabelsWithoutAccentsOrCase) {
    auto h = header_of({"ΕΠΩΝΥΜΙΑ", "ειδος", "Τύπος", "Α.Φ.Μ.", "Τομείς δράσης", "Διεύθυνση έδρας", "Πρόεδρος"});
    EXPECT_TRUE(h.ok()) << (h.problems.empty() ? "" : h.problems[0].column);
}

TEST(RegistryImportHeader, UnknownMissingAndDuplicateColumns) {
    auto h = header_of({"official_name", "kind", "colour", "kind", "afm", "areas", "seat_address", ""});
    ASSERT_FALSE(h.ok());
    std::vector<std::pair<HeaderProblem::Kind, std::string>> got;
    for (const auto& p : h.problems) got.emplace_back(p.kind, p.column);
    EXPECT_EQ(got, (std::vector<std::pair<HeaderProblem::Kind, std::string>>{
                       {HeaderProblem::Unknown, "colour"}, {HeaderProblem::Duplicate, "kind"}, {HeaderProblem::Missing, "subtype"}}));
}

TEST(RegistryImportHeader, TheExportsUrlColumnIsIgnored) {
    auto h = read_header(export_header());
    EXPECT_TRUE(h.ok());
}

TEST(RegistryImportHeader, EveryColumnHasALabelAndGreekAlias) {
    for (const auto& c : import_columns()) {
        EXPECT_NE(std::string(c.label), "") << c.code;
        EXPECT_FALSE(c.greek.empty()) << c.code;
    }
}

// ---------------------------------------------------------------- rows

TEST(RegistryImportRow, MapsEveryColumn) {
    const auto text = import_template();
    auto parsed = syn::text::csv::parse(text);
    ASSERT_TRUE(parsed.ok());
    ASSERT_EQ(parsed.records.size(), 2u);
    auto h = read_header(parsed.records[0].fields);
    ASSERT_TRUE(h.ok());
    auto r = read_row(h, parsed.records[1].fields);
    EXPECT_TRUE(r.problems.empty());
    EXPECT_FALSE(r.verified);
    const auto& in = r.input;
    EXPECT_EQ(in.official_name, "Πολιτιστικός Σύλλογος Βέργας");
    EXPECT_EQ(in.kind, "association");
    EXPECT_EQ(in.subtype, "cultural");
    EXPECT_EQ(in.areas, (Cells{"culture", "education"}));
    EXPECT_EQ(in.board.members, (Cells{"Νίκος Ιωάννου", "Σοφία Δημητρίου"}));
    EXPECT_EQ(in.social_links, (Cells{"https://www.facebook.com/example"}));
    EXPECT_EQ(in.board.treasurer, "Ελένη Γεωργίου");
    EXPECT_EQ(in.declared_members, "120");
    // The template is a valid organisation, so people can start from it.
    EXPECT_TRUE(check(normalised(in), kNow).empty());
}

TEST(RegistryImportRow, LabelsInGreekAndCodesInAnyCase) {
    auto h = header_of({"official_name", "kind", "subtype", "areas", "verified"});
    auto r = read_row(h, Cells{"Α", "Σύλλογος", "ΠΟΛΙΤΙΣΤΙΚΟΣ ΣΥΛΛΟΓΟΣ", "Πολιτισμός | Sport|", "Ναι"}, greek);
    EXPECT_EQ(r.input.kind, "association");
    EXPECT_EQ(r.input.subtype, "cultural");
    EXPECT_EQ(r.input.areas, (Cells{"culture", "sport"}));
    EXPECT_TRUE(r.verified);
    EXPECT_TRUE(r.problems.empty());
    auto codes = read_row(h, Cells{"Α", "ASSOCIATION", "Cultural", "culture", "no"});
    EXPECT_EQ(codes.input.kind, "association");
    EXPECT_EQ(codes.input.subtype, "cultural");
    EXPECT_FALSE(codes.verified);
}

TEST(RegistryImportRow, UnknownCodesAreKeptForCheckToReport) {
    auto h = header_of({"official_name", "kind", "subtype", "areas"});
    auto r = read_row(h, Cells{"Α", "club", "x", "knitting"});
    EXPECT_EQ(r.input.kind, "club");
    EXPECT_EQ(r.input.areas, (Cells{"knitting"}));
    const auto problems = check(normalised(r.input), kNow);
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(column_of(problems[0].field), "kind");
}

TEST(RegistryImportRow, VerifiedMustBeYesOrNo) {
    auto h = header_of({"official_name", "verified"});
    for (const char* yes : {"yes", "ΝΑΙ", "ναι", "1", "true"}) EXPECT_TRUE(read_row(h, Cells{"Α", yes}).verified) << yes;
    for (const char* no : {"", "no", "όχι", "ΟΧΙ", "0"}) {
        auto r = read_row(h, Cells{"Α", no});
        EXPECT_FALSE(r.verified) << no;
        EXPECT_TRUE(r.problems.empty()) << no;
    }
    auto bad = read_row(h, Cells{"Α", "maybe"});
    ASSERT_EQ(bad.problems.size(), 1u);
    EXPECT_EQ(bad.problems[0].field, "verified");
}

TEST(RegistryImportRow, ShortRowsAreBlankAndLongRowsAreReported) {
    auto h = header_of({"official_name", "kind", "subtype"});
    auto short_row = read_row(h, Cells{"Α"});
    EXPECT_EQ(short_row.input.kind, "");
    EXPECT_TRUE(short_row.problems.empty());
    auto long_row = read_row(h, Cells{"Α", "association", "cultural", "", "spill"});
    ASSERT_EQ(long_row.problems.size(), 1u);
    EXPECT_EQ(long_row.problems[0].field, "");
    EXPECT_TRUE(read_row(h, Cells{"Α", "association", "cultural", "", " "}).problems.empty());
}

TEST(RegistryImportRow, OurFormulaGuardIsUndone) {
    auto h = header_of({"official_name", "phone"});
    EXPECT_EQ(read_row(h, Cells{"Α", "'+302721012345"}).input.phone, "+302721012345");
    EXPECT_EQ(read_row(h, Cells{"'Άλφα", "x"}).input.official_name, "'Άλφα");  // not ours: kept
}

TEST(RegistryImportRow, BlankRecords) {
    EXPECT_TRUE(blank_record(Cells{"", " ", ""}));
    EXPECT_TRUE(blank_record(Cells{}));
    EXPECT_FALSE(blank_record(Cells{"", "x"}));
}

TEST(RegistryImportRow, ColumnOfACheckField) {
    EXPECT_EQ(column_of("official_name"), "official_name");
    EXPECT_EQ(column_of("description_markdown"), "description");
    EXPECT_EQ(column_of("areas.2"), "areas");
    EXPECT_EQ(column_of("social_links.0"), "social_links");
    EXPECT_EQ(column_of("board.president"), "president");
    EXPECT_EQ(column_of("board.members.3"), "board_members");
    EXPECT_EQ(column_of("board.members"), "board_members");
}

// ---------------------------------------------------------------- API JSON

TEST(RegistryApiJson, PublicViewLeavesOutMunicipalityOnlyFields) {
    auto o = listed_organisation();
    o.profile.visibility["email"] = Visibility::Municipality;
    o.return_reasons = {"x"};
    const auto j = to_api_json(o, false, "https://x.gr/organisations/a", "");
    EXPECT_EQ(j["official_name"], "Πολιτιστικός Σύλλογος Βέργας");
    EXPECT_EQ(j["verified"], true);
    EXPECT_EQ(j["areas"], nlohmann::json::array({"culture", "education"}));
    EXPECT_FALSE(j.contains("email"));
    EXPECT_FALSE(j.contains("phone"));
    EXPECT_FALSE(j.contains("board"));
    EXPECT_FALSE(j.contains("visibility"));
    EXPECT_FALSE(j.contains("return_reasons"));
    EXPECT_EQ(j["declared_members"], 120);
    EXPECT_DOUBLE_EQ(j["latitude"].get<double>(), 37.0389);
    EXPECT_EQ(j.dump().find("info@vergas.gr"), std::string::npos);
    EXPECT_EQ(j.dump().find("2721012345"), std::string::npos);
}

TEST(RegistryApiJson, FullViewHasEverythingAndTheVisibility) {
    auto o = listed_organisation();
    o.profile.visibility["email"] = Visibility::Municipality;
    const auto j = to_api_json(o, true, "", "");
    EXPECT_EQ(j["email"], "info@vergas.gr");
    EXPECT_EQ(j["phone"], "+302721012345");
    EXPECT_EQ(j["board"]["president"], "Μαρία Παπαδοπούλου");
    EXPECT_EQ(j["visibility"]["email"], "municipality");
    EXPECT_EQ(j["visibility"]["website"], "public");
    EXPECT_EQ(j["visibility"]["phone"], "municipality");
}

TEST(RegistryApiJson, ApplyJsonRoundTripsTheFullView) {
    auto o = listed_organisation();
    o.profile.visibility["email"] = Visibility::Municipality;
    OrganisationInput in;
    const auto problems = apply_json(to_api_json(o, true, "u", ""), in);
    EXPECT_TRUE(problems.empty()) << problems[0].field;
    EXPECT_EQ(in.official_name, o.profile.official_name);
    EXPECT_EQ(in.description_markdown, o.profile.description_markdown);
    EXPECT_EQ(in.board.president, o.profile.board.president);
    EXPECT_EQ(in.declared_members, "120");
    EXPECT_EQ(in.latitude, "37.0389");
    EXPECT_EQ(visibility_of(in, "email"), Visibility::Municipality);
}

TEST(RegistryApiJson, ApplyJsonPatchesOnlyWhatIsSent) {
    OrganisationInput in = listed_organisation().profile;
    auto problems = apply_json(nlohmann::json{{"website", "https://new.gr"}, {"board", {{"secretary", "Νίκος"}}}}, in);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(in.website, "https://new.gr");
    EXPECT_EQ(in.board.secretary, "Νίκος");
    EXPECT_EQ(in.board.president, "Μαρία Παπαδοπούλου");
    EXPECT_EQ(in.official_name, "Πολιτιστικός Σύλλογος Βέργας");
}

TEST(RegistryApiJson, ApplyJsonReportsWrongTypesAndUnknownMembers) {
    OrganisationInput in;
    auto problems = apply_json(nlohmann::json{{"official_name", 5},
                                              {"areas", "culture"},
                                              {"colour", "red"},
                                              {"visibility", {{"email", "secret"}}},
                                              {"declared_members", 12},
                                              {"latitude", 37.5}},
                               in);
    std::vector<std::string> fields;
    for (const auto& p : problems) fields.push_back(p.field);
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, (Cells{"areas", "colour", "official_name", "visibility.email"}));
    EXPECT_EQ(in.declared_members, "12");
    EXPECT_EQ(in.latitude, "37.5");
    EXPECT_FALSE(apply_json(nlohmann::json::array(), in).empty());
}

// ---------------------------------------------------------------- HSDS

TEST(RegistryHsds, IdsAreStableVersion8Uuids) {
    const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");
    const auto id = hsds_id(kalamata(), 42, HsdsEntity::Organization);
    EXPECT_EQ(id, "00004401-0001-8000-8000-00000000002a");
    EXPECT_TRUE(std::regex_match(id, uuid));
    EXPECT_EQ(id, hsds_id(kalamata(), 42, HsdsEntity::Organization));
    EXPECT_NE(id, hsds_id(kalamata(), 43, HsdsEntity::Organization));
    EXPECT_NE(id, hsds_id(kalamata(), 42, HsdsEntity::Location));
    EXPECT_NE(hsds_id(kalamata(), 42, HsdsEntity::Contact, 0), hsds_id(kalamata(), 42, HsdsEntity::Contact, 1));
    Place no_code{"", 7, "", ""};
    EXPECT_TRUE(std::regex_match(hsds_id(no_code, 1, HsdsEntity::Organization), uuid));
}

TEST(RegistryHsds, OrganizationCarriesThePublicProfile) {
    const auto o = listed_organisation();
    const auto j = hsds_organization(o, kalamata(), "https://x.gr/organisations/v", "", "Χορευτικά τμήματα.", greek);
    EXPECT_EQ(j["id"], "00004401-0001-8000-8000-00000000002a");
    EXPECT_EQ(j["name"], "Πολιτιστικός Σύλλογος Βέργας");
    EXPECT_EQ(j["alternate_name"], "Η Βέργα");
    EXPECT_EQ(j["description"], "Χορευτικά τμήματα.");
    EXPECT_EQ(j["email"], "info@vergas.gr");
    EXPECT_EQ(j["website"], "https://vergas.gr");
    EXPECT_EQ(j["year_incorporated"], 1985);
    EXPECT_EQ(j["legal_status"], "Πολιτιστικός σύλλογος");
    EXPECT_EQ(j["uri"], "https://x.gr/organisations/v");
    EXPECT_FALSE(j.contains("logo"));
    ASSERT_EQ(j["organization_identifiers"].size(), 2u);
    EXPECT_EQ(j["organization_identifiers"][0]["identifier_type"], "ΑΦΜ");
    EXPECT_EQ(j["organization_identifiers"][0]["identifier"], "090000045");
    EXPECT_EQ(j["organization_identifiers"][1]["identifier_type"], "ΓΕΜΗ");
    EXPECT_FALSE(j.contains("phones"));    // municipality-only by default
    EXPECT_FALSE(j.contains("contacts"));  // the board too
    const auto& loc = j["locations"][0];
    EXPECT_EQ(loc["location_type"], "physical");
    EXPECT_EQ(loc["organization_id"], j["id"]);
    EXPECT_DOUBLE_EQ(loc["latitude"].get<double>(), 37.0389);
    const auto& addr = loc["addresses"][0];
    EXPECT_EQ(addr["address_1"], "Αριστομένους 10, Καλαμάτα");
    EXPECT_EQ(addr["city"], "Δήμος Καλαμάτας");
    EXPECT_EQ(addr["postal_code"], "24100");
    EXPECT_EQ(addr["country"], "GR");
    EXPECT_EQ(addr["location_id"], loc["id"]);
}

TEST(RegistryHsds, HiddenFieldsNeverAppear) {
    auto o = listed_organisation();
    for (const char* f : {"afm", "email", "seat_address", "coordinates", "founding_date"})
        o.profile.visibility[f] = Visibility::Municipality;
    const auto j = hsds_organization(o, kalamata(), "", "", "", {});
    const auto text = j.dump();
    for (const char* secret : {"info@vergas.gr", "090000045", "Αριστομένους", "37.0389", "1985", "2721012345", "Παπαδοπούλου"})
        EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    EXPECT_FALSE(j.contains("locations"));
    EXPECT_EQ(j["legal_status"], "Cultural association");  // no translator: the English msgid
}

TEST(RegistryHsds, PublicPhoneAndBoardBecomePhonesAndContacts) {
    auto o = listed_organisation();
    o.profile.visibility["phone"] = Visibility::Public;
    o.profile.visibility["board"] = Visibility::Public;
    o.profile.board.members = {"Νίκος Ιωάννου"};
    const auto j = hsds_organization(o, kalamata(), "", "https://x.gr/logo", "", greek);
    EXPECT_EQ(j["phones"][0]["number"], "+302721012345");
    ASSERT_EQ(j["contacts"].size(), 2u);
    EXPECT_EQ(j["contacts"][0]["title"], "Πρόεδρος");
    EXPECT_EQ(j["contacts"][1]["name"], "Νίκος Ιωάννου");
    EXPECT_EQ(j["logo"], "https://x.gr/logo");
}

TEST(RegistryHsds, AnAddressTheSchemaWouldRejectIsLeftOut) {
    auto o = listed_organisation();
    o.profile.email = "γραμματεία@σύλλογος.gr";
    EXPECT_FALSE(hsds_organization(o, kalamata(), "", "", "", {}).contains("email"));
}

// ---------------------------------------------------------------- CSV export

TEST(RegistryCsvExport, RowsFollowTheHeaderAndHideWhatIsPrivate) {
    auto o = listed_organisation();
    o.profile.visibility["email"] = Visibility::Municipality;
    o.profile.board.members = {"Α", "Β"};
    const auto header = export_header();
    const auto row = export_row(o, "https://x.gr/organisations/v");
    ASSERT_EQ(header.size(), row.size());
    auto at = [&](const std::string& col) { return row[std::find(header.begin(), header.end(), col) - header.begin()]; };
    EXPECT_EQ(at("official_name"), "Πολιτιστικός Σύλλογος Βέργας");
    EXPECT_EQ(at("areas"), "culture|education");
    EXPECT_EQ(at("email"), "");
    EXPECT_EQ(at("phone"), "");
    EXPECT_EQ(at("president"), "");
    EXPECT_EQ(at("board_members"), "");
    EXPECT_EQ(at("verified"), "yes");
    EXPECT_EQ(at("url"), "https://x.gr/organisations/v");
}

TEST(RegistryCsvExport, AnExportCanBeImportedAgain) {
    auto o = listed_organisation();
    o.profile.visibility["phone"] = Visibility::Public;
    syn::text::csv::WriteOptions w;  // with the formula guard, as served
    const auto text = syn::text::csv::row(export_header(), w) + syn::text::csv::row(export_row(o, "u"), w);
    auto parsed = syn::text::csv::parse(text);
    ASSERT_TRUE(parsed.ok());
    auto h = read_header(parsed.records[0].fields);
    ASSERT_TRUE(h.ok());
    auto r = read_row(h, parsed.records[1].fields);
    EXPECT_TRUE(r.problems.empty());
    EXPECT_TRUE(r.verified);
    EXPECT_EQ(r.input.phone, "+302721012345");
    EXPECT_EQ(r.input.areas, o.profile.areas);
    EXPECT_TRUE(check(normalised(r.input), kNow).empty());
}
