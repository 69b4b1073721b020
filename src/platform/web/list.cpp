#include "platform/web/list.hpp"

#include <algorithm>

#include "platform/html/components.hpp"
#include "platform/http/percent.hpp"
#include "platform/text/number.hpp"
#include "platform/text/text.hpp"
#include "platform/text/cut.hpp"

namespace syn::web {

namespace {

std::string default_of(const ListFilter& f) {
    return f.kind == ListFilter::Kind::Select && !f.options.empty() ? f.options.front().value : std::string();
}

std::string read_value(const ListFilter& f, const std::string& raw) {
    switch (f.kind) {
        case ListFilter::Kind::Search:
            return std::string(text::cut_utf8(text::trim(raw), ListPage::kMaxSearchBytes));
        case ListFilter::Kind::Text:
            return std::string(text::cut_utf8(text::trim(raw), ListPage::kMaxTextBytes));
        case ListFilter::Kind::Select:
            for (const auto& o : f.options)
                if (o.value == raw) return raw;
            return default_of(f);
        case ListFilter::Kind::Checkbox:
            return raw == f.on ? f.on : std::string();
    }
    return {};
}

}  // namespace

ListPage::ListPage(const Context& ctx, std::string path, std::vector<ListFilter> filters)
    : ListPage(ctx, std::move(path), std::make_shared<const std::vector<ListFilter>>(std::move(filters)), ctx.query) {}

ListPage::ListPage(const Context& ctx, std::string path, ListFilters filters)
    : ListPage(ctx, std::move(path), std::move(filters), ctx.query) {}

ListPage::ListPage(const Context& ctx, std::string path, ListFilters filters, const http::Params& query)
    : ctx_(ctx), path_(std::move(path)), filters_(std::move(filters)) {
    read_.reserve(filters_->size());
    for (const auto& f : *filters_) {
        std::string typed = query.value(f.name);
        std::string value = read_value(f, typed);
        read_.push_back({&f, std::move(value), std::move(typed)});
    }
    page_ = static_cast<int>(text::parse_int(query.value("page"), 1, kMaxPage).value_or(1));
}

const ListPage::Read* ListPage::find(std::string_view name) const {
    for (const auto& r : read_)
        if (r.filter->name == name) return &r;
    return nullptr;
}

const std::string& ListPage::value(std::string_view name) const {
    static const std::string none;
    const Read* r = find(name);
    return r ? r->value : none;
}

const std::string& ListPage::typed(std::string_view name) const {
    static const std::string none;
    const Read* r = find(name);
    return r ? r->typed : none;
}

bool ListPage::narrowed() const {
    return std::any_of(read_.begin(), read_.end(),
                       [](const Read& r) { return r.filter->narrows && r.value != default_of(*r.filter); });
}

void ListPage::clamp_page(int pages) { page_ = std::clamp(page_, 1, std::max(1, pages)); }

std::string ListPage::encoded(std::string_view name, const std::string* value) const {
    std::string out;
    for (const auto& r : read_) {
        const std::string& v = value && r.filter->name == name ? *value : r.value;
        if (v.empty() || v == default_of(*r.filter)) continue;
        if (!out.empty()) out += '&';
        out += r.filter->name + "=" + http::percent_encode(v);
    }
    return out;
}

std::string ListPage::add_page(std::string qs, int page) {
    if (page > 1) qs += (qs.empty() ? "" : "&") + std::string("page=") + std::to_string(page);
    return qs;
}

std::string ListPage::query_string(int page) const { return add_page(encoded({}, nullptr), page); }

std::string ListPage::url(int page) const {
    const std::string qs = query_string(page);
    return ctx_.url(path_) + (qs.empty() ? "" : "?" + qs);
}

std::string ListPage::url_with(std::string_view name, std::string_view value) const {
    const Read* r = find(name);
    if (!r) return url(1);
    const std::string v = read_value(*r->filter, std::string(value));
    const std::string qs = encoded(name, &v);
    return ctx_.url(path_) + (qs.empty() ? "" : "?" + qs);
}

html::Html ListPage::form(const ListFormText& text, const html::Errors* errors) const {
    const html::Errors none(ctx_.tr);
    const html::Errors& e = errors ? *errors : none;
    html::Writer w;
    w("<form class=\"org-filters\" action=\"{}\" method=\"get\" role=\"search\" aria-label=\"{}\" novalidate>",
      ctx_.url(path_), text.aria_label);
    for (const auto& r : read_) {
        const ListFilter& f = *r.filter;
        if (f.kind == ListFilter::Kind::Search)
            w << html::input({.name = f.name, .label = f.label, .value = r.value, .hint = f.hint, .type = "search"}, e);
    }
    // The choices fold away on a phone (js/list-filters.js closes them there) unless one is set,
    // so the results come right after the search; without JavaScript they stay open.
    int set = 0, choices = 0;
    for (const auto& r : read_) {
        if (r.filter->kind == ListFilter::Kind::Search) continue;
        ++choices;
        if (r.filter->narrows && r.value != default_of(*r.filter)) ++set;
    }
    if (choices > 0)
        w("<details class=\"org-filters__more\" open data-fold-on-phone data-set=\"{}\"><summary class=\"details__summary\">{}</summary>", set,
          set > 0 ? ctx_.tr.tf("Filters ({})", set) : ctx_.tr("Filters"));
    bool row_open = false;
    for (const auto& r : read_) {
        const ListFilter& f = *r.filter;
        if (f.kind != ListFilter::Kind::Select && f.kind != ListFilter::Kind::Text) continue;
        if (!row_open) w("<div class=\"org-filters__row\">");
        row_open = true;
        // A text filter shows what was typed, even when the page refused it, so it can be fixed.
        const std::string shown = f.kind == ListFilter::Kind::Text ? r.typed : r.value;
        if (f.kind == ListFilter::Kind::Select)
            w << html::select({.name = f.name, .label = f.label, .value = shown, .hint = f.hint}, f.options, e);
        else
            w << html::input({.name = f.name, .label = f.label, .value = shown, .hint = f.hint, .inputmode = f.inputmode}, e);
    }
    if (row_open) w("</div>");
    for (const auto& r : read_) {
        const ListFilter& f = *r.filter;
        if (f.kind != ListFilter::Kind::Checkbox) continue;
        const std::string id = html::field_id(f.name);
        w("<div class=\"checkbox\"><input class=\"checkbox__input\" type=\"checkbox\" id=\"{}\" name=\"{}\" value=\"{}\"{}>"
          "<label class=\"checkbox__label\" for=\"{}\">{}</label></div>\n",
          id, f.name, f.on, r.value.empty() ? "" : " checked", id, f.label);
    }
    if (choices > 0) w("</details>");
    w("<div class=\"button-group\">");
    w << html::button(text.submit);
    if (narrowed()) w("<a href=\"{}\">{}</a>", ctx_.url(path_), text.clear);
    w("</div></form>\n");
    return w.take();
}

html::Html ListPage::pagination(int pages) const {
    return html::pagination(ctx_.tr, page_, pages, [&](int n) { return url(n); });
}

html::Html ListPage::prev_next(bool has_more) const {
    if (page_ <= 1 && !has_more) return {};
    const auto& tr = ctx_.tr;
    html::Writer w;
    w("<nav class=\"pagination\" aria-label=\"{}\">", tr("Pagination"));
    if (page_ > 1) w("<a class=\"pagination__prev\" href=\"{}\" rel=\"prev\">{}</a>", url(page_ - 1), tr("Previous page"));
    w("<p class=\"pagination__item\">{}</p>", tr.tf("Page {}", page_));
    if (has_more) w("<a class=\"pagination__next\" href=\"{}\" rel=\"next\">{}</a>", url(page_ + 1), tr("Next page"));
    w("</nav>\n");
    return w.take();
}

}  // namespace syn::web
