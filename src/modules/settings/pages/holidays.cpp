// The municipality's own holidays, for its administrator (/admin/settings/holidays): the list,
// a form to add one (a date, a name, every year or once) and a button to remove each. Deadlines
// in working days computed afterwards skip them.
#include "modules/settings/pages.hpp"
#include "modules/settings/service.hpp"
#include "platform/html/components.hpp"
#include "platform/html/fields.hpp"
#include "platform/html/forms.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/web/components.hpp"

namespace syn::settings {

namespace {

constexpr const char* kPath = "/admin/settings/holidays";

HolidayInput read_form(const web::Context& ctx) {
    return {ctx.form.value("date-day"), ctx.form.value("date-month"), ctx.form.value("date-year"), ctx.form.value("name"),
            ctx.form.value("yearly") == "1"};
}

std::string shown_date(const i18n::Tr& tr, const web::LocalHoliday& h) {
    const auto date = i18n::format_date(tr, i18n::athens_day_start(h.day));  // "Κυριακή, 2 Φεβρουαρίου 2020"
    if (!h.yearly) return date;
    // A yearly holiday is a day and month of every year, from its first: the weekday and the
    // year of the first one would mislead.
    std::string_view day_month = date;
    if (const auto comma = day_month.find(", "); comma != std::string_view::npos) day_month.remove_prefix(comma + 2);
    if (const auto space = day_month.rfind(' '); space != std::string_view::npos) day_month = day_month.substr(0, space);
    return tr.tf("{}, every year from {}", day_month, static_cast<int>(h.day.year()));
}

http::Response page(web::Context& ctx, const HolidayInput& in, const html::Errors& e, int status) {
    ctx.require("tenant.configure");
    auto& tr = ctx.tr;
    html::Writer w;
    w << html::error_summary(tr, e);
    w("<p>{}</p>", tr("Deadlines counted in working days (answers to requests, and later bookings and notices) skip weekends, "
                      "the national public holidays and the days listed here. Changing the list changes the deadlines of what is "
                      "filed from now on, not of what was filed before."));
    const auto all = holidays(ctx);
    if (all.empty()) {
        w("<p>{}</p>", tr("The municipality has no holidays of its own yet."));
    } else {
        html::Table t;
        t.caption = tr("The municipality's own holidays");
        t.head = {tr("Date"), tr("Holiday"), tr("Action")};
        for (const auto& h : all)
            t.rows.push_back({html::text(shown_date(tr, h)), html::text(h.name),
                              web::post_button(ctx, std::string(kPath) + "/" + i18n::iso_day(h.day) + "/remove", tr("Remove"),
                                               h.name, "warning")});
        w << html::table(t);
    }
    w("<h2>{}</h2>", tr("Add a holiday"));
    w << html::form_start(ctx.url(kPath));
    w << html::csrf_input(ctx.csrf_token());
    w << html::date_input(tr, {.name = "date", .label = tr("Date"), .hint = tr("For example, 2 2 2027")}, {in.day, in.month, in.year}, e);
    w << html::input({.name = "name", .label = tr("Name of the holiday"), .value = in.name,
                      .hint = tr("As people know it, e.g. «Υπαπαντή του Χριστού, πολιούχος της πόλης»")}, e);
    w << html::checkbox("yearly", tr("Every year on this date"), in.yearly, tr("For a patron saint's day. Leave it unticked for a day moved by a decision."));
    w << html::button(tr("Add the holiday"));
    w << html::form_end();
    return ctx.page(tr("Holidays of the municipality"), w.take(),
                    {{tr("Municipality settings"), ctx.url("/admin/settings")}, {tr("Holidays of the municipality"), ""}}, status);
}

http::Response show(web::Context& ctx) { return page(ctx, {}, html::Errors(ctx.tr), 200); }

http::Response add(web::Context& ctx) {
    const auto in = read_form(ctx);
    try {
        add_holiday(ctx, in);
    } catch (const web::Invalid& e) {
        return page(ctx, in, e.errors, 422);
    }
    return ctx.redirect(kPath, N_("The holiday has been added."));
}

http::Response remove(web::Context& ctx) {
    remove_holiday(ctx, ctx.param("day"));
    return ctx.redirect(kPath, N_("The holiday has been removed."));
}

}  // namespace

void install_holiday_pages(web::App& app) {
    app.get(kPath, show);
    app.post(kPath, add);
    app.post(std::string(kPath) + "/{day}/remove", remove);
}

}  // namespace syn::settings
