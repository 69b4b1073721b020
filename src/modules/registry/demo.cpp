// Generated organisations for the demo municipality and for benchmarks: realistic Greek names
// of associations, ΚΑλΟ entities and other bodies of Καλαμάτα, spread over kinds,
// neighbourhoods and states. Deterministic for a given seed, so runs compare.
#include "modules/registry/demo.hpp"

#include <fmt/format.h>

#include <array>
#include <random>

#include "modules/registry/rules.hpp"
#include "modules/registry/store.hpp"

namespace syn::registry {

namespace {

struct Place {
    const char* name;
    const char* genitive;  // as it follows "Σύλλογος Κατοίκων …"
    double lat, lng;
};
// Neighbourhoods and villages of the municipality with approximate centres.
constexpr std::array<Place, 16> kPlaces{{
    {"Κέντρο", "Κέντρου", 37.0395, 22.1141},          {"Παραλία", "Παραλίας", 37.0219, 22.1136},       {"Βέργα", "Βέργας", 37.0303, 22.1396},
    {"Τέντα", "Τέντας", 37.0468, 22.1063},           {"Ανάληψη", "Ανάληψης", 37.0351, 22.1250},       {"Φραγκόλιμνα", "Φραγκόλιμνας", 37.0377, 22.1047},
    {"Καλαμιτσί", "Καλαμιτσίου", 37.0252, 22.1000},       {"Ταμπάκικα", "Ταμπακικών", 37.0436, 22.1107},     {"Νέα Είσοδος", "Νέας Εισόδου", 37.0501, 22.1210},
    {"Άγιος Νικόλαος", "Αγίου Νικολάου", 37.0412, 22.1179},  {"Ασπρόχωμα", "Ασπροχώματος", 37.0470, 22.0701},     {"Μικρή Μαντίνεια", "Μικρής Μαντίνειας", 37.0074, 22.1650},
    {"Ελαιοχώρι", "Ελαιοχωρίου", 37.1030, 22.1842},       {"Αρτεμισία", "Αρτεμισίας", 37.0943, 22.2367},     {"Σπερχογεία", "Σπερχογείας", 37.1093, 22.0624},
    {"Άγιος Ιωάννης", "Αγίου Ιωάννη", 37.0489, 22.1298},
}};

struct Pattern {
    const char* kind;
    const char* subtype;
    const char* name;   // {0}: a place, {1}: an ordinal number, {2}: a distinctive word
    const char* area1;
    const char* area2;
};
constexpr std::array<Pattern, 40> kPatterns{{
    {"association", "parents", "Σύλλογος Γονέων και Κηδεμόνων {1}ου Δημοτικού Σχολείου Καλαμάτας", "education", "youth"},
    {"association", "parents", "Σύλλογος Γονέων και Κηδεμόνων {1}ου Γυμνασίου Καλαμάτας", "education", "youth"},
    {"association", "parents", "Σύλλογος Γονέων {1}ου Νηπιαγωγείου {0}", "education", "youth"},
    {"association", "cultural", "Πολιτιστικός Σύλλογος {0}", "culture", "local_development"},
    {"association", "cultural", "Λαογραφικός Όμιλος «{2}»", "culture", "education"},
    {"association", "cultural", "Χορευτικός Όμιλος «{2}» {0}", "culture", "youth"},
    {"association", "cultural", "Θεατρική Ομάδα «{2}»", "culture", "education"},
    {"association", "cultural", "Μικτή Χορωδία «{2}»", "culture", "elderly"},
    {"association", "sports", "Αθλητικός Όμιλος {0}", "sport", "youth"},
    {"association", "sports", "Γυμναστικός Σύλλογος «{2}»", "sport", "health"},
    {"association", "sports", "Ποδηλατικός Σύλλογος {0}", "sport", "environment"},
    {"association", "sports", "Όμιλος Καλαθοσφαίρισης «{2}»", "sport", "youth"},
    {"association", "neighbourhood", "Σύλλογος Κατοίκων {0}", "local_development", "environment"},
    {"association", "neighbourhood", "Εξωραϊστικός Σύλλογος {0}", "environment", "local_development"},
    {"association", "environmental", "Περιβαλλοντική Ομάδα «{2}»", "environment", "education"},
    {"association", "environmental", "Φίλοι του Ταϋγέτου {0}", "environment", "sport"},
    {"association", "volunteer", "Εθελοντική Ομάδα {0}", "social_solidarity", "civil_protection"},
    {"association", "volunteer", "Σύλλογος Εθελοντών Αιμοδοτών {0}", "health", "social_solidarity"},
    {"association", "youth", "Σύλλογος Νέων {0}", "youth", "culture"},
    {"association", "women", "Σύλλογος Γυναικών {0}", "gender_equality", "culture"},
    {"association", "seniors", "Σύλλογος Συνταξιούχων {0}", "elderly", "social_solidarity"},
    {"association", "disability", "Σύλλογος Γονέων Παιδιών με Αναπηρία «{2}»", "disability", "youth"},
    {"association", "disability", "Σωματείο Ατόμων με Αναπηρία {0}", "disability", "health"},
    {"association", "migrants", "Σύλλογος Φιλίας και Αλληλεγγύης «{2}»", "migrants_refugees", "social_solidarity"},
    {"association", "professional", "Σύλλογος Ελαιοπαραγωγών {0}", "local_development", "environment"},
    {"association", "professional", "Σύλλογος Επαγγελματιών {0}", "local_development", "digital_skills"},
    {"association", "other", "Σύλλογος Φίλων της Βιβλιοθήκης {0}", "culture", "education"},
    {"kalo", "koinsep_collective", "Κοιν.Σ.Επ. «{2}»", "social_solidarity", "local_development"},
    {"kalo", "koinsep_vulnerable", "Κοιν.Σ.Επ. Ένταξης «{2}»", "social_solidarity", "local_development"},
    {"kalo", "koinsep_special", "Κοιν.Σ.Επ. Ειδικών Ομάδων «{2}»", "social_solidarity", "disability"},
    {"kalo", "koispe", "Κοι.Σ.Π.Ε. «{2}»", "social_solidarity", "health"},
    {"kalo", "workers_coop", "Συνεταιρισμός Εργαζομένων «{2}»", "social_solidarity", "local_development"},
    {"civil_society", "amke", "ΑΜΚΕ «{2}»", "social_solidarity", "education"},
    {"civil_society", "amke", "Δίκτυο Αλληλεγγύης {0}", "social_solidarity", "health"},
    {"civil_society", "somateio", "Σωματείο «{2}» {0}", "culture", "social_solidarity"},
    {"civil_society", "foundation", "Ίδρυμα «{2}»", "education", "culture"},
    {"civil_society", "informal_group", "Γειτονιά σε Δράση — {0}", "local_development", "environment"},
    {"civil_society", "informal_group", "Ομάδα Κηπουρών «{2}»", "environment", "local_development"},
    {"association", "cultural", "Φιλαρμονική «{2}»", "culture", "youth"},
    {"association", "sports", "Ναυτικός Όμιλος {0}", "sport", "youth"},
}};

constexpr std::array<const char*, 40> kWords{
    "Αρμονία",   "Ελιά",      "Φάρος",     "Ταΰγετος",  "Αλληλεγγύη", "Νέδων",     "Καλαμάτα",  "Μεσσήνη",
    "Ανατολή",   "Πρόοδος",   "Ελπίδα",    "Ορίζοντας", "Κύμα",      "Πυξίδα",    "Αγκαλιά",   "Γέφυρα",
    "Σπίθα",     "Ρίζες",     "Θάλασσα",   "Ήλιος",     "Πελοπόννησος", "Αριστομένης", "Παπαφλέσσας", "Μάνη",
    "Δρόμος",    "Κυψέλη",    "Λύρα",      "Καλλιόπη",  "Ευτέρπη",   "Θαλπωρή",   "Μέλισσα",   "Αμυγδαλιά",
    "Ανεμώνη",   "Πέρδικα",   "Ερμής",     "Ίριδα",     "Φοίνικας",  "Κοχύλι",    "Σύνδεσμος", "Ιστός",
};

constexpr std::array<const char*, 20> kPeople{
    "Ελένη Γεωργίου",     "Νίκος Παπαδάκης",   "Μαρία Κωστοπούλου", "Γιάννης Δημόπουλος", "Αικατερίνη Μαυρέα",
    "Παναγιώτης Σταθάς",  "Βασιλική Αντωνίου", "Δημήτρης Ρούσσος",  "Σοφία Μπαρούτα",    "Κωνσταντίνος Λύρας",
    "Αναστασία Πετροπούλου", "Θεόδωρος Κανελλόπουλος", "Ιωάννα Φραγκάκη", "Σπύρος Μαργαρίτης", "Χαρίκλεια Βλάχου",
    "Ανδρέας Κουτσογιάννης", "Ευαγγελία Σκλαβούνου", "Μιχάλης Ζαφειρόπουλος", "Δέσποινα Τσαγκαράκη", "Λεωνίδας Αλεξόπουλος",
};

// A valid ΑΦΜ from an 8-digit body: the check digit is Σ dᵢ·2^(8−i) mod 11 mod 10.
std::string afm_from(std::uint32_t body) {
    std::string d = fmt::format("{:08d}", body % 100'000'000u);
    int sum = 0;
    for (int i = 0; i < 8; ++i) sum += (d[i] - '0') << (8 - i);
    return d + static_cast<char>('0' + sum % 11 % 10);
}

}  // namespace

int seed_organisations(soci::session& s, std::int64_t municipality_id, const SeedOptions& o) {
    std::mt19937_64 rng(o.seed);
    auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; };
    // Numbering goes on from the organisations already there, so that a second run (a bench set
    // on top of the demo) continues the names instead of repeating them.
    const std::int64_t already = store::count_in(s, municipality_id);
    for (int i = 0; i < o.count; ++i) {
        // Each pattern comes round once every kPatterns.size() organisations; the round number r
        // moves the place, the word and the ordinal on, so the names do not repeat.
        const auto n = static_cast<std::size_t>(already) + static_cast<std::size_t>(i);
        const auto p_index = n % kPatterns.size(), r = n / kPatterns.size();
        const auto& pat = kPatterns[p_index];
        const auto& place = kPlaces[(7 * p_index + 9 * r) % kPlaces.size()];
        const char* word = kWords[(13 * p_index + 3 * r) % kWords.size()];
        const int ordinal = 1 + static_cast<int>(r % 4) + static_cast<int>(p_index % 3) * 4;

        Organisation org;
        org.municipality_id = municipality_id;
        auto& p = org.profile;
        p.official_name = fmt::format(fmt::runtime(pat.name), place.genitive, ordinal, word);
        if (r >= 4) p.official_name += fmt::format(" {}", r);  // large (bench) sets: keep names distinct
        p.kind = pat.kind;
        p.subtype = pat.subtype;
        if (p.subtype != kSubtypeInformalGroup) {
            // Distinct within one run (7919 is coprime to 10⁸); another run may have taken it.
            std::uint32_t body = static_cast<std::uint32_t>((o.seed * 1'000'003u + static_cast<std::uint64_t>(n) * 7919u) % 100'000'000u);
            while (store::afm_taken(s, municipality_id, afm_from(body), 0)) body = (body + 1) % 100'000'000u;
            p.afm = afm_from(body);
        }
        p.founding_date = fmt::format("{}-{:02d}-{:02d}", 1950 + pick(74), 1 + pick(12), 1 + pick(28));
        p.areas = {pat.area1, pat.area2};
        p.description_markdown = fmt::format(
            "Το σωματείο «{}» δραστηριοποιείται στην περιοχή {} του Δήμου Καλαμάτας.\n\n"
            "- Συναντήσεις κάθε εβδομάδα\n- Δράσεις ανοιχτές σε όλους\n\nΕπικοινωνήστε μαζί μας για να γίνετε μέλος.",
            p.official_name, place.name);
        p.seat_address = fmt::format("{} {}", kWords[pick(kWords.size())], 1 + pick(120));
        p.neighbourhood = place.name;
        p.postal_code = "241 00";
        p.latitude = fmt::format("{:.5f}", place.lat + (static_cast<double>(pick(2001)) - 1000) / 100000.0);
        p.longitude = fmt::format("{:.5f}", place.lng + (static_cast<double>(pick(2001)) - 1000) / 100000.0);
        p.email = fmt::format("info{}@example.gr", n + 1);
        p.phone = fmt::format("+30272108{:04d}", n % 10000);
        if (chance(0.5)) p.website = fmt::format("https://org{}.example.gr", n + 1);
        p.declared_members = std::to_string(10 + pick(400));
        p.board.president = kPeople[pick(kPeople.size())];
        p.board.secretary = kPeople[pick(kPeople.size())];
        p.board.treasurer = kPeople[pick(kPeople.size())];

        // About 45% verified, 35% submitted, the rest drafts and returned registrations.
        const auto roll = pick(100);
        org.state = roll < 45 ? State::Verified : roll < 80 ? State::Submitted : roll < 92 ? State::Draft : State::Returned;
        org.created_at = o.now - static_cast<std::int64_t>(pick(3 * 365)) * 86400;
        org.updated_at = org.created_at;
        if (org.state != State::Draft) org.submitted_at = org.created_at + 86400;
        if (org.state == State::Verified) {
            // Spread verifications over the past year so some expire soon.
            org.verified_at = o.now - static_cast<std::int64_t>(pick(330)) * 86400;
            org.expires_at = verification_expires_at(*org.verified_at, o.verification_months);
        }
        if (org.state == State::Returned) org.return_reasons = {"Λείπει το καταστατικό"};
        const auto id = store::insert(s, org);
        if (o.admin_user_id && i < o.admin_of_first) store::add_member(s, municipality_id, id, *o.admin_user_id, kRoleAdmin, org.created_at);
    }
    return o.count;
}

}  // namespace syn::registry
