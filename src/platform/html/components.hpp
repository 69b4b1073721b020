#pragma once
// Building blocks for page bodies: pagination, summary list, table, inset and warning text,
// tags, details, confirmation panel, and the card grid of the home page. Each escapes every
// string it is given; markup passed in as Html was made by a Writer and is trusted.
#include "platform/html/writer.hpp"
#include "platform/i18n/i18n.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace syn::html {

// Escaped text as Html, for the Html-valued slots below (summary values, table cells).
Html text(std::string_view s);
// <a href="…">label</a>
Html link(std::string_view href, std::string_view label);

// nav aria-label="Pagination" with previous/next links, the first and last page, the current
// page and its neighbours, and "…" between gaps. `page` is 1-based and clamped to [1, pages];
// url_for(n) gives the URL of page n. Empty when there is only one page.
Html pagination(const i18n::Tr& tr, int page, int pages, const std::function<std::string(int)>& url_for);

// GOV.UK summary list: key/value rows with an optional "Change" link per row.
struct SummaryRow {
    std::string key = {};
    Html value = {};
    std::string action_href = {};   // empty → no action
    std::string action_label = {};  // e.g. tr("Change"); the key is appended for screen readers
};
Html summary_list(const std::vector<SummaryRow>& rows);

// A data table with a caption and scope=col headers. It scrolls sideways inside its own
// keyboard-focusable region on narrow screens instead of widening the page.
struct Table {
    std::string caption = {};
    std::vector<std::string> head = {};
    std::vector<std::vector<Html>> rows = {};
    std::vector<std::size_t> numeric_columns = {};  // right-aligned, tabular figures
    bool first_column_is_header = false;            // first cell of each row is <th scope="row">
};
Html table(const Table& t);

// Indented text that sets something apart (a quote, an example, extra information).
Html inset_text(const Html& body);
// "! Warning: …" — something the user must not miss (a legal consequence, a deadline).
Html warning_text(const i18n::Tr& tr, std::string_view text);
// A short status label; colour is grey|green|blue|red|yellow|purple (anything else: brand).
Html tag(std::string_view label, std::string_view colour = {});
// A disclosure that needs no JavaScript (<details>/<summary>).
Html details(std::string_view summary, const Html& body);
// The confirmation panel shown after a completed transaction ("Application submitted").
Html panel(std::string_view title, const Html& body);

// The home page's grid of links, one card per thing the platform offers.
struct Card {
    std::string title = {};
    std::string href = {};
    std::string description = {};
};
// heading_level is the level of each card's title, 2…6.
Html card_grid(const std::vector<Card>& cards, int heading_level = 2);

}  // namespace syn::html
