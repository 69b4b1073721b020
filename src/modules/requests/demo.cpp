// The demo municipality's requests configuration (departments and the six types of request) and
// generated requests for the demo and the benchmark: Greek titles and descriptions from small
// word lists, spread over every type and state with timestamps that follow the workflow
// (acknowledged after submitted, resolved before now, closed after the reopen window).
// Deterministic for a given seed and `now`, so benchmark runs compare.
#include "modules/requests/demo.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <stdexcept>

#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/store.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/db/database.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/i18n/working_days.hpp"

namespace syn::requests {

namespace {

// ---------------------------------------------------------------- configuration

struct DemoDepartment {
    const char* key;
    const char* name_el;
    const char* name_en;
};
constexpr std::array<DemoDepartment, 5> kDepartments{{
    {"kep", "Κέντρο Ενεργών Πολιτών", "Active Citizens Centre"},
    {"technical", "Τεχνικές Υπηρεσίες", "Technical Services"},
    {"communication", "Γραφείο Δημάρχου – Επικοινωνία", "Mayor's Office – Communication"},
    {"planning", "Προγραμματισμός και Ανάπτυξη", "Planning and Development"},
    {"spaces", "Διαχείριση Δημοτικών Χώρων", "Municipal Spaces"},
}};

struct DemoType {
    const char* code;
    const char* department;  // DemoDepartment::key
    const char* name_el;
    const char* name_en;
    const char* description_el;
    const char* description_en;
    int deadline_days;
    bool takes_location, takes_attachments, public_default;
};
// Secretarial support and funding applications concern an organisation's own affairs, so they
// are private unless the requester chooses otherwise.
constexpr std::array<DemoType, 6> kTypes{{
    {"secretarial-support", "kep", "Γραμματειακή υποστήριξη συλλόγου", "Secretarial support for an association",
     "Βοήθεια σε διοικητικά θέματα του συλλόγου σας: πρακτικά, καταστατικό, γενικές συνελεύσεις, μητρώα.",
     "Help with your association's paperwork: minutes, statutes, general assemblies, registers.", 10, false, true, false},
    {"funding-application", "planning", "Υποστήριξη σε αίτηση ευρωπαϊκού ή αναπτυξιακού προγράμματος",
     "Help with an EU or development programme application",
     "Καθοδήγηση για την επιλεξιμότητα, τον προϋπολογισμό και τα δικαιολογητικά μιας πρότασης χρηματοδότησης.",
     "Guidance on eligibility, budget and supporting documents for a funding proposal.", 20, false, true, false},
    {"municipal-space", "spaces", "Χρήση δημοτικού χώρου", "Use of a municipal space",
     "Αίτηση παραχώρησης αίθουσας, γηπέδου ή υπαίθριου χώρου του Δήμου για εκδήλωση ή δραστηριότητα.",
     "Request to use a hall, sports ground or open space of the municipality for an event or activity.", 15, false, true, true},
    {"promotion", "communication", "Προβολή δραστηριότητας από τα μέσα του Δήμου",
     "Promotion of an activity through the municipality's media",
     "Ανάρτηση στην ιστοσελίδα και τα μέσα κοινωνικής δικτύωσης του Δήμου για μια εκδήλωση ή δράση.",
     "A post on the municipality's website and social media about an event or activity.", 5, false, true, true},
    {"local-problem", "technical", "Αναφορά τοπικού προβλήματος", "Report a local problem",
     "Λακκούβες, οδοφωτισμός, απορρίμματα, πράσινο, πεζοδρόμια: δείξτε μας πού βρίσκεται το πρόβλημα.",
     "Potholes, street lighting, rubbish, greenery, pavements: show us where the problem is.", 10, true, true, true},
    {"other", "kep", "Άλλο αίτημα", "Other request",
     "Ό,τι δεν ανήκει σε άλλη κατηγορία· το Κέντρο Ενεργών Πολιτών θα το προωθήσει στην αρμόδια υπηρεσία.",
     "Anything else; the Active Citizens Centre passes it on to the right department.", 15, false, true, true},
}};

// ---------------------------------------------------------------- word lists

template <class T, std::size_t N>
const T& pick(std::mt19937_64& rng, const std::array<T, N>& a) {
    return a[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng)];
}

constexpr std::array<const char*, 6> kSecretarialTitles{
    "Υποστήριξη στην τήρηση πρακτικών του Διοικητικού Συμβουλίου", "Βοήθεια στην τροποποίηση του καταστατικού",
    "Υποστήριξη στην οργάνωση της Γενικής Συνέλευσης", "Βοήθεια στην ενημέρωση του μητρώου μελών",
    "Βοήθεια στην εγγραφή στο Μητρώο Συλλόγων", "Υποστήριξη στη σύνταξη του απολογισμού της χρονιάς"};
constexpr std::array<const char*, 6> kFundingTitles{
    "Βοήθεια σε αίτηση χρηματοδότησης μέσω LEADER", "Υποστήριξη σε πρόταση για το πρόγραμμα Erasmus+",
    "Ερώτηση για την επιλεξιμότητα δαπανών ΕΣΠΑ", "Βοήθεια στη σύνταξη του προϋπολογισμού της πρότασης",
    "Αναζήτηση εταίρων για ευρωπαϊκό πρόγραμμα", "Υποστήριξη σε πρόταση του Ταμείου Ανάκαμψης"};
constexpr std::array<const char*, 6> kSpaceTitles{
    "Παραχώρηση του Πνευματικού Κέντρου για εκδήλωση", "Χρήση αίθουσας για τη Γενική Συνέλευση",
    "Παραχώρηση του κλειστού γυμναστηρίου για τουρνουά", "Χρήση του Δημοτικού Θεάτρου για παράσταση",
    "Παραχώρηση πλατείας για υπαίθρια εκδήλωση", "Χρήση αίθουσας για σεμινάριο εθελοντών"};
constexpr std::array<const char*, 6> kPromotionTitles{
    "Προβολή της εθελοντικής αιμοδοσίας", "Ανάρτηση για το καλοκαιρινό φεστιβάλ της γειτονιάς",
    "Προβολή έκθεσης φωτογραφίας", "Ανακοίνωση της εκστρατείας καθαρισμού της παραλίας",
    "Προβολή φιλανθρωπικής συναυλίας", "Ανάρτηση για τα μαθήματα παραδοσιακών χορών"};
constexpr std::array<const char*, 6> kOtherTitles{
    "Πρόταση για ποδηλατόδρομο στην παραλία", "Ερώτηση για τα δημοτικά τέλη",
    "Πρόταση για δενδροφύτευση στη γειτονιά", "Αίτημα για περισσότερους κάδους ανακύκλωσης",
    "Πρόταση για πολιτιστική εκδήλωση στο κέντρο", "Ερώτηση για το πρόγραμμα κοινωφελούς εργασίας"};
// A problem with what the municipality answers when it fixed it, and when it could not: the
// demo's answers fit their problems.
struct Problem {
    const char* name;
    const char* fixed;
    const char* refused;
};
constexpr std::array<Problem, 12> kProblems{{
    {"Λακκούβα", "Το συνεργείο της Τεχνικής Υπηρεσίας γέμισε και ασφαλτόστρωσε τη λακκούβα.",
     "Ο δρόμος είναι επαρχιακός και τον συντηρεί η Περιφέρεια Πελοποννήσου· διαβιβάσαμε εκεί την αναφορά σας."},
    {"Καμένη λάμπα οδοφωτισμού", "Οι ηλεκτρολόγοι του Δήμου αντικατέστησαν τη λάμπα.",
     "Ο στύλος ανήκει στον ΔΕΔΔΗΕ· δηλώσαμε τη βλάβη στο 11500 και θα την αποκαταστήσει εκείνος."},
    {"Σπασμένο παγκάκι", "Το παγκάκι επισκευάστηκε και βάφτηκε.",
     "Το παγκάκι βρίσκεται σε ιδιωτικό χώρο και ο Δήμος δεν μπορεί να επέμβει."},
    {"Ξεχειλισμένοι κάδοι απορριμμάτων", "Οι κάδοι αδειάστηκαν και η αποκομιδή στο σημείο γίνεται πλέον καθημερινά.",
     "Οι κάδοι αδειάζουν κάθε πρωί σύμφωνα με το πρόγραμμα· στον έλεγχο δεν βρέθηκαν γεμάτοι."},
    {"Διαρροή νερού", "Η ΔΕΥΑ Καλαμάτας επισκεύασε τον σωλήνα που είχε σπάσει.",
     "Η διαρροή είναι σε ιδιωτική παροχή, μετά τον μετρητή· την επισκευάζει ο ιδιοκτήτης."},
    {"Επικίνδυνο κλαδί δέντρου", "Το συνεργείο πρασίνου έκοψε το κλαδί και απομάκρυνε τα κλαδέματα.",
     "Το δέντρο βρίσκεται σε ιδιωτική αυλή· ενημερώσαμε τον ιδιοκτήτη να το κλαδέψει."},
    {"Εγκαταλελειμμένο όχημα", "Η Δημοτική Αστυνομία άφησε ειδοποίηση και το όχημα απομακρύνθηκε μετά την προθεσμία.",
     "Το όχημα έχει άδεια και ασφάλεια σε ισχύ, οπότε δεν θεωρείται εγκαταλελειμμένο."},
    {"Φθαρμένη διαγράμμιση διάβασης", "Η διάβαση βάφτηκε ξανά.",
     "Ο δρόμος ανήκει στο επαρχιακό δίκτυο· διαβιβάσαμε την αναφορά στην Περιφέρεια Πελοποννήσου."},
    {"Χαλασμένη κούνια σε παιδική χαρά", "Η κούνια αντικαταστάθηκε και η παιδική χαρά ελέγχθηκε για την ασφάλειά της.",
     "Η παιδική χαρά είναι κλειστή για ανακατασκευή· η κούνια θα αντικατασταθεί με τις εργασίες."},
    {"Βουλωμένο φρεάτιο ομβρίων", "Το φρεάτιο καθαρίστηκε.",
     "Το φρεάτιο ανήκει στο δίκτυο της ΔΕΥΑ Καλαμάτας· διαβιβάσαμε εκεί την αναφορά σας."},
    {"Σπασμένο πεζοδρόμιο", "Οι σπασμένες πλάκες του πεζοδρομίου αντικαταστάθηκαν.",
     "Το πεζοδρόμιο μπροστά από την οικοδομή το αποκαθιστά ο κατασκευαστής της· τον ειδοποιήσαμε."},
    {"Στάθμευση πάνω σε ράμπα ΑμεΑ", "Η Δημοτική Αστυνομία βεβαίωσε την παράβαση και ζήτησε να μετακινηθεί το όχημα.",
     "Στον έλεγχο της Δημοτικής Αστυνομίας δεν βρέθηκε όχημα πάνω στη ράμπα."},
}};
// What the municipality answers to each kind of service request, done or refused.
struct ServiceAnswer {
    const char* code;
    const char* done;
    const char* refused;
};
constexpr std::array<ServiceAnswer, 5> kServiceAnswers{{
    {"secretarial-support", "Στέλεχος του Κέντρου Ενεργών Πολιτών συναντήθηκε με το Δ.Σ. του συλλόγου και σας έδωσε τα υποδείγματα που χρειάζεστε.",
     "Για το θέμα αυτό χρειάζεται γνωμάτευση δικηγόρου, που ο Δήμος δεν μπορεί να δώσει."},
    {"funding-application", "Σας δόθηκε καθοδήγηση για την επιλεξιμότητα, τον προϋπολογισμό και τα δικαιολογητικά της πρότασης.",
     "Η προθεσμία υποβολής στο πρόγραμμα έχει ήδη λήξει."},
    {"municipal-space", "Ο χώρος παραχωρήθηκε για την ημερομηνία που ζητήσατε· η απόφαση στάλθηκε στο ηλεκτρονικό σας ταχυδρομείο.",
     "Ο χώρος δεν είναι διαθέσιμος την ημερομηνία που ζητήσατε· δείτε τις ελεύθερες ημερομηνίες και υποβάλετε νέο αίτημα."},
    {"promotion", "Η ανάρτηση δημοσιεύθηκε στην ιστοσελίδα και στα μέσα κοινωνικής δικτύωσης του Δήμου.",
     "Η δράση είναι εμπορική, και τα μέσα του Δήμου προβάλλουν μόνο μη κερδοσκοπικές δράσεις."},
    {"other", "Σας δόθηκαν οι πληροφορίες που ζητήσατε· η πρότασή σας διαβιβάστηκε στην αρμόδια υπηρεσία.",
     "Το θέμα δεν ανήκει στην αρμοδιότητα του Δήμου· απευθυνθείτε στην Περιφέρεια Πελοποννήσου."},
}};
// Streets of Καλαμάτα as they follow "στην οδό …", with a point on each.
struct Street {
    const char* name;
    double lat, lng;
};
constexpr std::array<Street, 14> kStreets{{
    {"Αριστομένους", 37.0405, 22.1128}, {"Ναυαρίνου", 37.0226, 22.1175}, {"Φαρών", 37.0330, 22.1160},
    {"Ακρίτα", 37.0240, 22.1230},       {"Κρήτης", 37.0312, 22.1105},    {"Νέδοντος", 37.0420, 22.1190},
    {"Πλαταιών", 37.0365, 22.1142},     {"Ψαρών", 37.0250, 22.1080},     {"Σαλαμίνος", 37.0385, 22.1085},
    {"Ιατροπούλου", 37.0398, 22.1170},  {"Υπαπαντής", 37.0440, 22.1150}, {"Αθηνών", 37.0460, 22.1220},
    {"Λακωνικής", 37.0300, 22.1300},    {"Κουμουνδούρου", 37.0350, 22.1200},
}};
constexpr std::array<const char*, 4> kPostalCodes{"24100", "24131", "24132", "24133"};

constexpr std::array<const char*, 6> kProblemSentences{
    "Το πρόβλημα υπάρχει εδώ και αρκετές ημέρες.", "Είναι επικίνδυνο για πεζούς και οδηγούς, ιδίως τη νύχτα.",
    "Το έχουν παρατηρήσει πολλοί κάτοικοι της γειτονιάς.", "Παρακαλούμε για την άμεση αποκατάστασή του.",
    "Κοντά βρίσκεται σχολείο και περνούν καθημερινά παιδιά.", "Το είχαμε αναφέρει και τηλεφωνικά χωρίς αποτέλεσμα."};
constexpr std::array<const char*, 6> kAssociationSentences{
    "Ο σύλλογός μας λειτουργεί εθελοντικά και δεν διαθέτει διοικητικό προσωπικό.",
    "Θα εκτιμούσαμε τη συνδρομή της αρμόδιας υπηρεσίας.", "Η προθεσμία λήγει στο τέλος του μήνα.",
    "Είμαστε στη διάθεσή σας για οποιαδήποτε διευκρίνιση.",
    "Η δράση απευθύνεται σε όλους τους δημότες και η συμμετοχή είναι δωρεάν.",
    "Την προηγούμενη χρονιά συμμετείχαν περισσότερα από διακόσια άτομα."};
constexpr std::array<const char*, 4> kClosings{
    "Ευχαριστούμε εκ των προτέρων.", "Με εκτίμηση.", "Ευχαριστώ για τον χρόνο σας.", "Περιμένουμε την απάντησή σας."};

// How an answer ends, in a few ways, so the demo's answers do not all read alike.
constexpr std::array<const char*, 4> kAnswerEndings{
    "Σας ευχαριστούμε.", "", "Για οποιαδήποτε διευκρίνιση, είμαστε στη διάθεσή σας.", "Ευχαριστούμε για τη συνεργασία."};
constexpr std::array<const char*, 4> kRejectionEndings{
    "", "Για οποιαδήποτε διευκρίνιση, είμαστε στη διάθεσή σας.", "Λυπούμαστε για την ταλαιπωρία.",
    "Μπορείτε να υποβάλετε νέο αίτημα με περισσότερα στοιχεία."};
constexpr std::array<const char*, 4> kNotes{
    "Ενημερώθηκε το συνεργείο.", "Αναμένεται απάντηση από άλλη υπηρεσία.", "Χρειάζεται αυτοψία.",
    "Ζητήθηκε προσφορά από προμηθευτή."};
constexpr std::array<const char*, 6> kRatingComments{
    "", "", "Γρήγορη και ουσιαστική εξυπηρέτηση.", "Ευχαριστώ πολύ!", "Λύθηκε, αλλά με καθυστέρηση.",
    "Η απάντηση θα μπορούσε να είναι πιο αναλυτική."};

struct Name {
    const char* display;
    const char* email;  // local part
};
constexpr std::array<Name, 12> kNames{{
    {"Γιάννης Παπαδόπουλος", "g.papadopoulos"},  {"Μαρία Γεωργοπούλου", "m.georgopoulou"},
    {"Κώστας Αντωνόπουλος", "k.antonopoulos"},   {"Ελένη Νικολακοπούλου", "e.nikolakopoulou"},
    {"Δημήτρης Σταθόπουλος", "d.stathopoulos"},  {"Κατερίνα Κωνσταντίνου", "k.konstantinou"},
    {"Νίκος Μαυρομμάτης", "n.mavrommatis"},      {"Βασιλική Αλεξοπούλου", "v.alexopoulou"},
    {"Παναγιώτης Γιαννακόπουλος", "p.giannakopoulos"}, {"Σοφία Δρακοπούλου", "s.drakopoulou"},
    {"Βασίλης Χριστόπουλος", "v.christopoulos"}, {"Γεωργία Παναγοπούλου", "g.panagopoulou"},
}};

// ---------------------------------------------------------------- timelines

constexpr std::int64_t kHour = 3600, kDay = 86400;

std::int64_t between(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, std::max(lo, hi))(rng);
}
bool chance(std::mt19937_64& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

// Where a request of this age has got to: recent ones are mostly open, old ones mostly closed,
// and a few old ones are still open (overdue, as in any real back office).
State final_state(std::mt19937_64& rng, std::int64_t age) {
    struct Share { State s; double w; };
    static const std::vector<Share> day{{State::Submitted, 70}, {State::Acknowledged, 30}};
    static const std::vector<Share> week{{State::Submitted, 15}, {State::Acknowledged, 25}, {State::Assigned, 25},
                                         {State::InProgress, 20}, {State::Resolved, 12}, {State::Rejected, 3}};
    static const std::vector<Share> weeks{{State::Submitted, 3}, {State::Acknowledged, 7}, {State::Assigned, 12},
                                          {State::InProgress, 18}, {State::Resolved, 35}, {State::Rejected, 5},
                                          {State::Closed, 20}};
    static const std::vector<Share> old{{State::Submitted, 1}, {State::Acknowledged, 1}, {State::Assigned, 2},
                                        {State::InProgress, 3}, {State::Resolved, 6}, {State::Rejected, 2},
                                        {State::Closed, 85}};
    const auto& shares = age < kDay ? day : age < 7 * kDay ? week : age < 45 * kDay ? weeks : old;
    std::vector<double> w;
    for (const auto& x : shares) w.push_back(x.w);
    return shares[std::discrete_distribution<std::size_t>(w.begin(), w.end())(rng)].s;
}

// How often each type is asked for; a type the demo does not know counts as "other".
double weight(const std::string& code) {
    static const std::map<std::string, double> w{{"local-problem", 45}, {"other", 10}, {"municipal-space", 12},
                                                 {"promotion", 12}, {"secretarial-support", 10},
                                                 {"funding-application", 11}};
    auto it = w.find(code);
    return it == w.end() ? 10 : it->second;
}

struct Text {
    std::string title, description;
    std::string answer, rejection;  // what the municipality says if it does it, or cannot
};

Text request_text(std::mt19937_64& rng, const std::string& code, const Street* street) {
    Text t;
    bool problem = false;
    if (code == "local-problem" && street) {
        const auto& p = pick(rng, kProblems);
        t.title = fmt::format("{} στην οδό {}", p.name, street->name);
        t.answer = p.fixed;
        t.rejection = p.refused;
        problem = true;
    } else if (code == "secretarial-support") t.title = pick(rng, kSecretarialTitles);
    else if (code == "funding-application") t.title = pick(rng, kFundingTitles);
    else if (code == "municipal-space") t.title = pick(rng, kSpaceTitles);
    else if (code == "promotion") t.title = pick(rng, kPromotionTitles);
    else t.title = pick(rng, kOtherTitles);
    const auto& sentences = problem ? kProblemSentences : kAssociationSentences;
    const char* first = pick(rng, sentences);
    const char* second = pick(rng, sentences);
    while (second == first) second = pick(rng, sentences);
    t.description = fmt::format("{}. {} {} {}", t.title, first, second, pick(rng, kClosings));
    if (!problem) {
        const auto& a = *std::find_if(kServiceAnswers.begin(), kServiceAnswers.end() - 1,
                                      [&](const ServiceAnswer& x) { return code == x.code; });  // else "other", the last
        t.answer = a.done;
        t.rejection = a.refused;
    }
    return t;
}

std::string with_ending(const std::string& answer, const char* ending) {
    return *ending ? answer + " " + ending : answer;
}

// One history line, as the workflow would have written it.
HistoryEntry entry(EntryKind kind, std::optional<State> from, std::optional<State> to, std::string body, bool is_public,
                   std::optional<std::int64_t> actor, std::int64_t at) {
    HistoryEntry h;
    h.kind = kind;
    h.from = from;
    h.to = to;
    h.body = std::move(body);
    h.is_public = is_public;
    h.actor_user_id = actor;
    h.at = at;
    return h;
}

}  // namespace

// ---------------------------------------------------------------- seed_configuration

void seed_configuration(soci::session& s, std::int64_t municipality_id) {
    std::map<std::string, std::int64_t> department_ids;
    const auto existing = store::departments(s, municipality_id);
    for (const auto& d : kDepartments) {
        auto it = std::find_if(existing.begin(), existing.end(), [&](const Department& x) { return x.name_el == d.name_el; });
        if (it != existing.end()) {
            department_ids[d.key] = it->id;
            continue;
        }
        Department nd;
        nd.name_el = d.name_el;
        nd.name_en = d.name_en;
        department_ids[d.key] = store::insert_department(s, municipality_id, nd);
    }
    int position = 0;
    for (const auto& t : kTypes) {
        position += 10;
        if (store::type_by_code(s, municipality_id, t.code)) continue;
        RequestType rt;
        rt.code = t.code;
        rt.name_el = t.name_el;
        rt.name_en = t.name_en;
        rt.description_el = t.description_el;
        rt.description_en = t.description_en;
        rt.department_id = department_ids.at(t.department);
        rt.deadline_days = t.deadline_days;
        rt.takes_location = t.takes_location;
        rt.takes_attachments = t.takes_attachments;
        rt.public_default = t.public_default;
        rt.active = true;
        rt.position = position;
        store::insert_type(s, municipality_id, rt);
    }
}

void seed_demo_staff(soci::session& s, std::int64_t municipality_id, std::int64_t staff_user_id,
                     std::int64_t supervisor_user_id) {
    std::map<std::string, std::int64_t> id_of;
    for (const auto& d : store::departments(s, municipality_id)) id_of[d.name_el] = d.id;
    const auto kep = id_of.at(kDepartments[0].name_el), technical = id_of.at(kDepartments[1].name_el);
    store::put_department_staff(s, municipality_id, kep, staff_user_id, false);
    store::put_department_staff(s, municipality_id, technical, staff_user_id, false);
    store::put_department_staff(s, municipality_id, kep, supervisor_user_id, true);
}

// ---------------------------------------------------------------- seed_requests

int seed_requests(soci::session& s, std::int64_t municipality_id, const SeedOptions& o) {
    if (o.count <= 0) return 0;
    const auto types = store::types(s, municipality_id, false);
    if (types.empty())
        throw std::runtime_error("the municipality has no request types: seed its configuration first");
    std::map<std::int64_t, std::vector<std::int64_t>> staff_of;  // department → staff user ids
    for (const auto& m : store::department_staff(s, municipality_id)) staff_of[m.department_id].push_back(m.user_id);

    std::mt19937_64 rng(o.seed);
    const std::int64_t now = o.now > 0 ? o.now : db::now_unix();
    const std::int64_t span = std::max(1, o.years) * 365 * kDay;

    std::vector<double> type_weights;
    for (const auto& t : types) type_weights.push_back(weight(t.code));
    std::discrete_distribution<std::size_t> type_of(type_weights.begin(), type_weights.end());

    // Submission times first, oldest first, so ids grow with time as they do in real life and a
    // duplicate can be merged into an earlier report.
    std::vector<std::int64_t> times(static_cast<std::size_t>(o.count));
    for (auto& t : times) {
        const auto day_start = i18n::athens_day_start(i18n::athens_day(now - between(rng, 600, span)));
        t = std::min(now - 600, day_start + between(rng, 7 * kHour, 22 * kHour));  // people write by day
    }
    std::sort(times.begin(), times.end());

    // The full-text entries are written once at the end (store::index_new_requests): one index
    // segment for the lot instead of one per request.
    store::BulkWriter w(s);
    std::vector<std::int64_t> open_problems;  // public local-problem reports a duplicate may join
    int inserted = 0;
    for (const auto submitted_at : times) {
        const auto& type = types[type_of(rng)];
        Request r;
        r.municipality_id = municipality_id;
        r.type_id = type.id;
        r.type_code = type.code;
        r.department_id = type.department_id;
        r.submitted_at = submitted_at;
        r.due = i18n::add_working_days(i18n::athens_day(submitted_at), type.deadline_days);

        // Who asks: the demo citizen now and then, else an anonymous Open311 report.
        if (o.requester_user_id && chance(rng, 0.2)) {
            r.requester_user_id = o.requester_user_id;
            r.requester_name = o.requester_name;
            r.requester_email = o.requester_email;
            r.source = Source::Web;
        } else {
            const auto& n = pick(rng, kNames);
            r.requester_name = n.display;
            r.requester_email = fmt::format("{}@example.gr", n.email);
            if (chance(rng, 0.3)) r.requester_phone = fmt::format("69{:08}", between(rng, 0, 99'999'999));
            r.source = Source::Open311;
        }
        r.is_public = type.public_default ? !chance(rng, 0.1) : chance(rng, 0.05);

        const Street* street = nullptr;
        if (type.takes_location) {
            street = &pick(rng, kStreets);
            r.location.address = fmt::format("{} {}, Καλαμάτα", street->name, between(rng, 1, 120));
            r.location.postal_code = pick(rng, kPostalCodes);
            if (chance(rng, 0.85)) {  // some people give only the address
                r.location.latitude = street->lat + std::uniform_real_distribution<double>(-0.0015, 0.0015)(rng);
                r.location.longitude = street->lng + std::uniform_real_distribution<double>(-0.0015, 0.0015)(rng);
            }
        }
        auto text = request_text(rng, type.code, street);
        r.title = std::move(text.title);
        r.description = std::move(text.description);

        // The path to the final state, each step after the one before and all before now; a step
        // that would fall in the future has not happened yet.
        const auto target = final_state(rng, now - submitted_at);
        const bool rejected_path = target == State::Rejected || (target == State::Closed && chance(rng, 0.12));
        const bool merge = target == State::Closed && !rejected_path && type.code == "local-problem" &&
                           !open_problems.empty() && chance(rng, 0.05);
        const auto& staff = staff_of[r.department_id];
        std::optional<std::int64_t> actor;
        if (!staff.empty()) actor = staff[between(rng, 0, static_cast<std::int64_t>(staff.size()) - 1)];

        std::vector<std::pair<HistoryEntry, std::string>> history;
        history.push_back({entry(EntryKind::Submitted, std::nullopt, State::Submitted, "", true, r.requester_user_id, submitted_at), "{}"});
        State state = State::Submitted;
        std::int64_t at = submitted_at;
        auto step = [&](std::int64_t t) {  // false when t is not in the past
            if (t >= now) return false;
            at = t;
            return true;
        };
        auto move = [&](State to, std::string body = {}) {
            history.push_back({entry(EntryKind::Transition, state, to, std::move(body), true, actor, at), "{}"});
            state = to;
        };
        const auto deadline_span = static_cast<std::int64_t>(type.deadline_days) * kDay * 7 / 5;  // working → calendar days

        do {
            if (target == State::Submitted || !step(at + between(rng, kHour / 2, 48 * kHour))) break;
            move(State::Acknowledged);
            r.first_response_at = at;
            if (target == State::Acknowledged) break;
            if (merge) {
                if (!step(at + between(rng, kHour, 72 * kHour))) break;
                r.merged_into_id = open_problems[between(rng, 0, static_cast<std::int64_t>(open_problems.size()) - 1)];
                history.push_back({entry(EntryKind::Merge, state, State::Closed,
                                         fmt::format("Συγχωνεύθηκε με το αίτημα #{}, που αφορά το ίδιο πρόβλημα.", *r.merged_into_id),
                                         true, actor, at),
                                   nlohmann::json{{"merged_into", *r.merged_into_id}}.dump()});
                state = State::Closed;
                r.closed_at = at;
                r.status_note = history.back().first.body;
                break;
            }
            if (rejected_path) {
                if (!step(at + between(rng, kHour, 5 * kDay))) break;
                r.status_note = with_ending(text.rejection, pick(rng, kRejectionEndings));
                move(State::Rejected, r.status_note);
                r.finished_at = at;
            } else {
                if (!step(at + between(rng, kHour / 2, 72 * kHour))) break;
                nlohmann::json details{{"department_id", r.department_id}};
                if (actor && chance(rng, 0.7)) {
                    r.assignee_user_id = actor;
                    details["assignee_user_id"] = *actor;
                }
                history.push_back({entry(EntryKind::Assignment, state, State::Assigned, "", true, actor, at), details.dump()});
                state = State::Assigned;
                if (target == State::Assigned) break;
                if (!step(at + between(rng, kHour, 96 * kHour))) break;
                move(State::InProgress);
                if (chance(rng, 0.3)) history.push_back({entry(EntryKind::Note, std::nullopt, std::nullopt, pick(rng, kNotes), false, actor, at), "{}"});
                if (target == State::InProgress) break;
                // Most within the deadline, a fifth late.
                const double share = chance(rng, 0.8) ? std::uniform_real_distribution<double>(0.1, 0.9)(rng)
                                                      : std::uniform_real_distribution<double>(1.05, 2.5)(rng);
                const auto planned = submitted_at + static_cast<std::int64_t>(share * static_cast<double>(deadline_span));
                if (!step(std::max(planned, at + 2 * kHour))) break;
                r.status_note = with_ending(text.answer, pick(rng, kAnswerEndings));
                history.push_back({entry(EntryKind::Reply, std::nullopt, std::nullopt, r.status_note, true, actor, at), "{}"});
                move(State::Resolved);
                r.resolved_at = at;
                r.finished_at = at;
                // The requester rates about half of the answers, when the requester has an account.
                if (r.requester_user_id && chance(rng, 0.6)) {
                    const auto rated_at = at + between(rng, kHour, 10 * kDay);
                    if (rated_at < now) {
                        std::discrete_distribution<int> stars{3, 5, 12, 35, 45};
                        r.rating = stars(rng) + 1;
                        r.rating_comment = pick(rng, kRatingComments);
                        history.push_back({entry(EntryKind::Rating, std::nullopt, std::nullopt, r.rating_comment, true,
                                                 r.requester_user_id, rated_at),
                                           nlohmann::json{{"rating", *r.rating}}.dump()});
                    }
                }
            }
            if (target != State::Closed) break;
            // Closed once the requester's window to reopen has passed.
            if (!step(*r.finished_at + between(rng, 15 * kDay, 30 * kDay))) break;
            move(State::Closed);
            r.closed_at = at;
        } while (false);

        r.state = state;
        std::int64_t last = submitted_at;
        for (const auto& [h, _] : history) last = std::max(last, h.at);
        r.updated_at = last;
        r.supporters = 0;  // add_supporter keeps the counter
        // Tokens are unique across the install, so they come from the system's randomness, not
        // the seed: the same seed may be generated twice (another municipality, another run).
        w.insert_request(r, {request_search_text(r), r.source == Source::Open311 ? auth::random_token() : ""});
        ++inserted;
        for (const auto& [h, details] : history) w.add_event(municipality_id, r.id, h, details);
        if (r.is_public && !r.merged_into_id && !o.supporter_user_ids.empty() && chance(rng, 0.35)) {
            const auto n = between(rng, 1, static_cast<std::int64_t>(o.supporter_user_ids.size()));
            for (std::int64_t i = 0; i < n; ++i) {
                const auto user = o.supporter_user_ids[static_cast<std::size_t>(i)];
                if (r.requester_user_id && *r.requester_user_id == user) continue;
                store::add_supporter(s, municipality_id, r.id, user, std::min(now - 1, submitted_at + between(rng, kHour, 10 * kDay)));
            }
        }
        if (type.code == "local-problem" && r.is_public && !r.merged_into_id) open_problems.push_back(r.id);
    }
    store::index_new_requests(s);
    return inserted;
}

}  // namespace syn::requests
