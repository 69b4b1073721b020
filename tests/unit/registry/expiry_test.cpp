// registry::run_expiry, the hourly job: verified organisations past their expiry go back to the
// staff queue (history without an actor, audit entry, mail to the admins) and those within 30
// days of expiry get exactly one reminder. Against real databases, both engines, with the real
// migrations; organisations and people are made through the stores and services the program uses.
#include "modules/accounts/service.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/store.hpp"
#include "platform/db/row.hpp"
#include "role_scopes.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

using namespace syn;
using namespace syn::registry;

namespace {

std::int64_t at(int y, unsigned m, unsigned d, int hh = 0) {
    using namespace std::chrono;
    const sys_days date{year{y} / month{m} / day{d}};
    return time_point_cast<seconds>(date + hours{hh}).time_since_epoch().count();
}

constexpr std::int64_t kDay = 24 * 3600;
const std::int64_t kNow = at(2026, 11, 22, 12);

struct Mail {
    std::int64_t municipality_id = 0;
    std::string to, subject, body;
};

class RegistryExpiryTest : public test::MigratedTest {
protected:
    void SetUp() override {
        if (!prepare()) return;
        cfg_.base_url = "https://synergeia.example.gr";
        db().transact([&](soci::session& s) {
            kalamata_ = test::add_tenant(s, "4401", "Καλαμάτας", "kalamata").id;
            sparti_ = test::add_tenant(s, "4501", "Σπάρτης", "sparti").id;
            admin_ = accounts::create_verified_account(s, "grammateas@example.gr", "Ελένη Γεωργίου", "ένα δύο τρία τέσσερα", "citizen", kalamata_);
            member_ = accounts::create_verified_account(s, "melos@example.gr", "Νίκος Ιωάννου", "ένα δύο τρία τέσσερα", "citizen", kalamata_);
        });
    }

    // A verified organisation whose verification ends at `expires_at`, with one admin and one
    // plain member (only admins are mailed).
    std::int64_t verified_org(std::int64_t municipality, const std::string& name, const std::string& afm, std::int64_t expires_at,
                              std::optional<std::int64_t> reminded_at = std::nullopt) {
        return db().transact([&](soci::session& s) {
            Organisation o;
            o.municipality_id = municipality;
            o.profile.official_name = name;
            o.profile.kind = kKindAssociation;
            o.profile.subtype = "cultural";
            o.profile.afm = afm;
            o.profile.areas = {"culture"};
            o.profile.seat_address = "Αριστομένους 20";
            o.state = State::Verified;
            o.created_at = o.updated_at = kNow - 400 * kDay;
            o.submitted_at = kNow - 380 * kDay;
            o.verified_at = kNow - 370 * kDay;
            o.expires_at = expires_at;
            const auto id = store::insert(s, o);
            if (reminded_at) {
                o.reminded_at = reminded_at;
                store::update_lifecycle(s, o);
            }
            store::add_member(s, municipality, id, admin_, kRoleAdmin, o.created_at);
            if (municipality == kalamata_) store::add_member(s, municipality, id, member_, kRoleMember, o.created_at);
            return id;
        });
    }

    Organisation org(std::int64_t municipality, std::int64_t id) {
        auto o = db().read([&](soci::session& s) { return store::by_id(s, municipality, id); });
        EXPECT_TRUE(o.has_value());
        return o.value_or(Organisation{});
    }

    std::vector<HistoryEntry> history_of(std::int64_t municipality, std::int64_t id) {
        return db().read([&](soci::session& s) { return store::history(s, municipality, id); });
    }

    std::vector<Mail> outbox() {
        return db().read([&](soci::session& s) {
            std::vector<Mail> out;
            soci::rowset<soci::row> rs = (s.prepare << "SELECT municipality_id, to_addr, subject, body_text FROM mail_outbox ORDER BY id");
            for (const auto& r : rs)
                out.push_back({db::get_int(r, 0), db::get_text(r, 1), db::get_text(r, 2), db::get_text(r, 3)});
            return out;
        });
    }

    std::int64_t audit_count(const std::string& action, std::int64_t org_id) {
        return db().read([&](soci::session& s) {
            long long n = 0;
            const std::string subject = "organisation:" + std::to_string(org_id);
            s << "SELECT COUNT(*) FROM audit_log WHERE action = :a AND subject = :s AND actor_user_id IS NULL", soci::use(action),
                soci::use(subject), soci::into(n);
            return static_cast<std::int64_t>(n);
        });
    }

    config::Config cfg_;
    std::int64_t kalamata_ = 0, sparti_ = 0, admin_ = 0, member_ = 0;
};

TEST_P(RegistryExpiryTest, NothingToDoIsQuiet) {
    verified_org(kalamata_, "Πολιτιστικός Σύλλογος Αγίου Νικολάου", "090000045", kNow + 90 * kDay);
    const auto run = run_expiry(db(), cfg_, kNow);
    EXPECT_EQ(run.expired, 0);
    EXPECT_EQ(run.reminded, 0);
    EXPECT_TRUE(outbox().empty());
}

TEST_P(RegistryExpiryTest, ExpiredGoBackToTheQueueWithHistoryAuditAndMail) {
    const auto expires = kNow - 3600;
    const auto id = verified_org(kalamata_, "Σύλλογος Γονέων 5ου Δημοτικού", "090000045", expires);
    const auto run = run_expiry(db(), cfg_, kNow);
    EXPECT_EQ(run.expired, 1);
    EXPECT_EQ(run.reminded, 0);

    const auto o = org(kalamata_, id);
    EXPECT_EQ(o.state, State::Submitted);
    EXPECT_EQ(o.submitted_at, kNow) << "it re-enters the queue as a fresh submission";
    EXPECT_FALSE(o.expires_at.has_value());

    const auto h = history_of(kalamata_, id);  // newest first
    ASSERT_FALSE(h.empty());
    EXPECT_EQ(h.front().action, "expire");
    EXPECT_FALSE(h.front().actor_id.has_value()) << "the system acted, not a person";
    EXPECT_EQ(h.front().from_state, "verified");
    EXPECT_EQ(h.front().to_state, "submitted");
    EXPECT_EQ(h.front().at, kNow);
    EXPECT_EQ(audit_count("registry.expire", id), 1);

    const auto mail = outbox();
    ASSERT_EQ(mail.size(), 1u) << "only the admin is mailed, not the plain member";
    EXPECT_EQ(mail[0].to, "grammateas@example.gr");
    EXPECT_EQ(mail[0].municipality_id, kalamata_);
    EXPECT_NE(mail[0].subject.find("Σύλλογος Γονέων 5ου Δημοτικού"), std::string::npos) << mail[0].subject;
    EXPECT_NE(mail[0].subject.find("Δήμος Καλαμάτας"), std::string::npos) << "Greek, with the municipality's name: " << mail[0].subject;
    EXPECT_NE(mail[0].body.find("https://synergeia.example.gr/my/organisations/" + std::to_string(id)), std::string::npos) << mail[0].body;

    // Nothing is left to expire: a second run changes nothing and sends nothing.
    const auto again = run_expiry(db(), cfg_, kNow + 3600);
    EXPECT_EQ(again.expired, 0);
    EXPECT_EQ(outbox().size(), 1u);
    EXPECT_EQ(audit_count("registry.expire", id), 1);
}

TEST_P(RegistryExpiryTest, OneReminderWithinThirtyDaysAndNotTwice) {
    const auto expires = kNow + 10 * kDay;
    const auto id = verified_org(kalamata_, "Αθλητικός Όμιλος Καλαμάτας", "090000045", expires);
    const auto far = verified_org(kalamata_, "Περιβαλλοντικός Σύλλογος Ταϋγέτου", "094014201", kNow + 31 * kDay);

    const auto run = run_expiry(db(), cfg_, kNow);
    EXPECT_EQ(run.expired, 0);
    EXPECT_EQ(run.reminded, 1);
    auto o = org(kalamata_, id);
    EXPECT_EQ(o.state, State::Verified) << "a reminder changes nothing else";
    EXPECT_EQ(o.reminded_at, kNow);
    EXPECT_EQ(o.expires_at, expires);
    EXPECT_FALSE(org(kalamata_, far).reminded_at.has_value()) << "31 days before is not yet in the window";
    const auto h = history_of(kalamata_, id);
    ASSERT_FALSE(h.empty());
    EXPECT_EQ(h.front().action, "expiry.reminder");
    EXPECT_TRUE(h.front().from_state.empty() && h.front().to_state.empty());

    auto mail = outbox();
    ASSERT_EQ(mail.size(), 1u);
    EXPECT_EQ(mail[0].to, "grammateas@example.gr");
    EXPECT_NE(mail[0].subject.find("Αθλητικός Όμιλος Καλαμάτας"), std::string::npos);
    EXPECT_NE(mail[0].body.find(i18n::format_date(i18n::Tr(i18n::Lang::El), expires)), std::string::npos)
        << "the body names the expiry date in Greek: " << mail[0].body;

    // The next hourly runs do not remind again (the other organisation's window opens only
    // after a day).
    for (std::int64_t later : {kNow + 3600, kNow + 7200, kNow + 20 * 3600}) {
        const auto r = run_expiry(db(), cfg_, later);
        EXPECT_EQ(r.reminded, 0) << later;
        EXPECT_EQ(r.expired, 0) << later;
    }
    EXPECT_EQ(outbox().size(), 1u);

    // At expiry it expires (and the reminder bookkeeping goes with the verification).
    // By then the other one is 21 days from its expiry: its first reminder goes out.
    const auto end = run_expiry(db(), cfg_, expires);
    EXPECT_EQ(end.expired, 1);
    EXPECT_EQ(end.reminded, 1);
    o = org(kalamata_, id);
    EXPECT_EQ(o.state, State::Submitted);
    EXPECT_FALSE(o.reminded_at.has_value());
    EXPECT_EQ(org(kalamata_, far).reminded_at, expires);
    EXPECT_EQ(outbox().size(), 3u);
}

TEST_P(RegistryExpiryTest, AReminderFromAnEarlierPeriodDoesNotCount) {
    // Reminded before the last renewal: the new period's window has had no reminder yet.
    const auto id = verified_org(kalamata_, "Σύλλογος Φίλων του Βιβλίου", "090000045", kNow + 5 * kDay, kNow - 340 * kDay);
    const auto run = run_expiry(db(), cfg_, kNow);
    EXPECT_EQ(run.reminded, 1);
    EXPECT_EQ(org(kalamata_, id).reminded_at, kNow);
}

TEST_P(RegistryExpiryTest, EveryMunicipalityIsHandledWithItsOwnName) {
    const auto k = verified_org(kalamata_, "Σύλλογος Καλαματιανών", "090000045", kNow - kDay);
    const auto s = verified_org(sparti_, "Σύλλογος Σπαρτιατών", "090000045", kNow + 2 * kDay);  // same ΑΦΜ: another municipality
    const auto run = run_expiry(db(), cfg_, kNow);
    EXPECT_EQ(run.expired, 1);
    EXPECT_EQ(run.reminded, 1);
    EXPECT_EQ(org(kalamata_, k).state, State::Submitted);
    EXPECT_EQ(org(sparti_, s).reminded_at, kNow);
    const auto mail = outbox();
    ASSERT_EQ(mail.size(), 2u);
    for (const auto& m : mail) {
        const bool sparti = m.subject.find("Σπαρτιατών") != std::string::npos;
        EXPECT_EQ(m.municipality_id, sparti ? sparti_ : kalamata_);
        EXPECT_NE(m.subject.find(sparti ? "Δήμος Σπάρτης" : "Δήμος Καλαμάτας"), std::string::npos) << m.subject;
    }
}

TEST_P(RegistryExpiryTest, OnlyVerifiedOrganisationsExpire) {
    const auto id = verified_org(kalamata_, "Σύλλογος σε αναστολή", "090000045", kNow - kDay);
    db().transact([&](soci::session& s) {
        auto o = store::by_id(s, kalamata_, id).value();
        o.state = State::Suspended;
        store::update_lifecycle(s, o);
    });
    const auto run = run_expiry(db(), cfg_, kNow);
    EXPECT_EQ(run.expired, 0);
    EXPECT_EQ(run.reminded, 0);
    EXPECT_EQ(org(kalamata_, id).state, State::Suspended);
    EXPECT_TRUE(outbox().empty());
}

TEST_P(RegistryExpiryTest, UnderPathTenancyTheLinkCarriesTheMunicipality) {
    cfg_.tenancy = "path";
    const auto id = verified_org(sparti_, "Ορειβατικός Σύλλογος Σπάρτης", "090000045", kNow - kDay);
    run_expiry(db(), cfg_, kNow);
    const auto mail = outbox();
    ASSERT_EQ(mail.size(), 1u);
    EXPECT_NE(mail[0].body.find("https://synergeia.example.gr/m/sparti/my/organisations/" + std::to_string(id)), std::string::npos)
        << mail[0].body;
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryExpiryTest, test::kBothBackends, test::backend_name);

}  // namespace
