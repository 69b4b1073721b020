#pragma once
// A list page's filters, declared as data: the page reads them from the query string, builds
// links that keep them, and draws the GOV.UK filter form and the pagination. Every list page
// (the public directory, the public requests, the staff queue, the audit log) reads its query
// the same way, so an unknown value, a mangled page number or a search cut mid-letter behaves
// the same everywhere: it reads as "not set", never as an error or a broken letter.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "platform/html/forms.hpp"
#include "platform/html/writer.hpp"
#include "platform/web/context.hpp"

namespace syn::web {

struct ListFilter {
    enum class Kind {
        Search,    // free text, folded by the search; cut at a character boundary
        Text,      // free text the page checks itself (a date, an account number)
        Select,    // one of `options`; anything else reads as the first option
        Checkbox,  // ticked when the query holds `on`
    };
    Kind kind = Kind::Select;
    std::string name = {};   // the query parameter
    std::string label = {};  // translated
    std::string hint = {};
    // Select: the values it accepts. The first is the default, which links leave out: "" for
    // "all" ("All kinds"), or a real value for a choice that always holds one ("sort=name").
    std::vector<html::Option> options = {};
    std::string on = "1";         // Checkbox: the value a tick sends
    bool narrows = true;          // false for a choice that orders rather than filters (sort)
    std::string inputmode = {};   // Text: e.g. "numeric"
};

// The words of the filter form, in the page's language.
struct ListFormText {
    std::string aria_label;  // what the search landmark is called ("Search organisations")
    std::string submit;      // the button ("Search", "Filter")
    std::string clear;       // the link back to the whole list ("Clear search and filters")
};

// A page's filters, built once and shared: their options carry translated labels, which a busy
// list page should not rebuild for every request (cache them per municipality and language).
using ListFilters = std::shared_ptr<const std::vector<ListFilter>>;

class ListPage {
public:
    static constexpr std::size_t kMaxSearchBytes = 200;  // nobody types a longer search
    static constexpr std::size_t kMaxTextBytes = 100;
    static constexpr int kMaxPage = 100'000;

    // path: the list's address inside the municipality ("/organisations"), without the prefix.
    ListPage(const Context& ctx, std::string path, std::vector<ListFilter> filters);
    ListPage(const Context& ctx, std::string path, ListFilters filters);
    // The same, read from `query` instead of the request's own (a form that sends back the
    // filter it was shown with, as the queue's bulk assignment does).
    ListPage(const Context& ctx, std::string path, ListFilters filters, const http::Params& query);
    // It points into its own filters.
    ListPage(const ListPage&) = delete;
    ListPage& operator=(const ListPage&) = delete;

    // What the query said for a filter, untouched (for a Text filter the page checks itself).
    const std::string& typed(std::string_view name) const;
    // The filter's value as read ("" when not set; a Select's default when not one of its
    // options; a Checkbox's `on` when ticked).
    const std::string& value(std::string_view name) const;
    bool ticked(std::string_view name) const { return !value(name).empty(); }
    // Whether any filter that narrows the list is set.
    bool narrowed() const;
    // The page asked for: 1 when not given or not a number in [1, kMaxPage].
    int page() const { return page_; }
    // After the count: an old link past the end shows the last page.
    void clamp_page(int pages);

    // The list's address with every filter set, and the page when > 1.
    std::string url(int page = 1) const;
    // The same as "a=1&b=2" (no '?'; the page only when > 1): for an export link of the same
    // list, or a form that sends back the list it was shown on.
    std::string query_string(int page = 1) const;
    // The address with one filter changed (and page 1): for links such as "Show only overdue".
    std::string url_with(std::string_view name, std::string_view value) const;

    // The filter form: search and text fields first, then the choices side by side, then the
    // checkboxes, the button, and a link that clears everything when anything is set.
    html::Html form(const ListFormText& text, const html::Errors* errors = nullptr) const;
    // Numbered pages that keep the filters; empty for a single page.
    html::Html pagination(int pages) const;
    // Previous and next only, for a list whose total is not counted (counting every match of a
    // broad search would cost more than the page).
    html::Html prev_next(bool has_more) const;

private:
    struct Read {
        const ListFilter* filter;
        std::string value;
        std::string typed;  // as the query gave it (a Text filter shows it back to be fixed)
    };
    const Read* find(std::string_view name) const;
    // The filters as a query string, with `name` read as *value when value is given.
    std::string encoded(std::string_view name, const std::string* value) const;
    static std::string add_page(std::string query_string, int page);

    const Context& ctx_;
    std::string path_;
    ListFilters filters_;
    std::vector<Read> read_;
    int page_ = 1;
};

}  // namespace syn::web
