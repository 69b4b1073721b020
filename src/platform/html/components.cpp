#include "platform/html/components.hpp"

#include <algorithm>

namespace syn::html {

Html text(std::string_view s) {
    Writer w;
    w.text(s);
    return w.take();
}

Html link(std::string_view href, std::string_view label) {
    Writer w;
    w("<a href=\"{}\">{}</a>", href, label);
    return w.take();
}

// ---------------------------------------------------------------- pagination

Html pagination(const i18n::Tr& tr, int page, int pages, const std::function<std::string(int)>& url_for) {
    if (pages <= 1) return {};
    page = std::clamp(page, 1, pages);
    Writer w;
    w("<nav class=\"pagination\" aria-label=\"{}\">", tr("Pagination"));
    if (page > 1)
        w("<a class=\"pagination__prev\" href=\"{}\" rel=\"prev\">{}</a>", url_for(page - 1), tr("Previous page"));
    w("<ul class=\"pagination__list\">");
    // First, last, current and its neighbours; a gap of one page shows that page, a longer
    // gap shows "…", so the list never grows past seven items.
    int shown = 0;
    for (int n = 1; n <= pages; ++n) {
        bool keep = n == 1 || n == pages || (n >= page - 1 && n <= page + 1) ||
                    (n == 2 && page <= 4) || (n == pages - 1 && page >= pages - 3);
        if (!keep) {
            if (shown == n - 1) w("<li class=\"pagination__item pagination__item--ellipsis\">\u2026</li>");
            continue;
        }
        shown = n;
        std::string label = tr.tf("Page {}", n);
        w("<li class=\"pagination__item\"><a class=\"pagination__link\" href=\"{}\" aria-label=\"{}\"", url_for(n),
          label);
        if (n == page) w(" aria-current=\"page\"");
        w(">{}</a></li>", n);
    }
    w("</ul>");
    if (page < pages)
        w("<a class=\"pagination__next\" href=\"{}\" rel=\"next\">{}</a>", url_for(page + 1), tr("Next page"));
    w("</nav>\n");
    return w.take();
}

// ---------------------------------------------------------------- summary list, table

Html summary_list(const std::vector<SummaryRow>& rows) {
    if (rows.empty()) return {};
    bool any_action = std::any_of(rows.begin(), rows.end(), [](const SummaryRow& r) { return !r.action_href.empty(); });
    Writer w;
    w("<dl class=\"summary-list\">");
    for (const SummaryRow& r : rows) {
        w("<div class=\"summary-list__row\"><dt class=\"summary-list__key\">{}</dt>"
          "<dd class=\"summary-list__value\">{}</dd>",
          r.key, r.value);
        if (!r.action_href.empty())
            w("<dd class=\"summary-list__actions\"><a href=\"{}\">{}<span class=\"visually-hidden\"> {}</span></a></dd>",
              r.action_href, r.action_label, r.key);
        else if (any_action)
            w("<dd class=\"summary-list__actions\"></dd>");  // keeps the columns aligned
        w("</div>");
    }
    w("</dl>\n");
    return w.take();
}

Html table(const Table& t) {
    auto numeric = [&](std::size_t col) {
        return std::find(t.numeric_columns.begin(), t.numeric_columns.end(), col) != t.numeric_columns.end();
    };
    Writer w;
    // A focusable, named region: keyboard users can scroll a wide table (axe
    // scrollable-region-focusable), and screen readers hear which table it is.
    if (t.caption.empty()) w("<div class=\"table-scroll\">");
    else w("<div class=\"table-scroll\" role=\"region\" aria-label=\"{}\" tabindex=\"0\">", t.caption);
    // table--stacked: on a phone each row becomes a block of "heading: value" lines (app.css),
    // so nothing is cut off or hidden off the side of the screen.
    w("<table class=\"table table--stacked\">");
    if (!t.caption.empty()) w("<caption class=\"table__caption\">{}</caption>", t.caption);
    if (!t.head.empty()) {
        w("<thead><tr>");
        for (std::size_t c = 0; c < t.head.size(); ++c)
            w("<th class=\"table__header{}\" scope=\"col\">{}</th>", numeric(c) ? " table__cell--numeric" : "",
              t.head[c]);
        w("</tr></thead>");
    }
    w("<tbody>");
    for (const auto& row : t.rows) {
        w("<tr>");
        for (std::size_t c = 0; c < row.size(); ++c) {
            const char* cls = numeric(c) ? " table__cell--numeric" : "";
            Writer label;  // the column's heading, which a phone shows before the value
            if (c < t.head.size() && !t.head[c].empty()) label(" data-label=\"{}\"", t.head[c]);
            if (c == 0 && t.first_column_is_header) w("<th class=\"table__header\" scope=\"row\"{}>{}</th>", label.take(), row[c]);
            else w("<td class=\"table__cell{}\"{}>{}</td>", cls, label.take(), row[c]);
        }
        w("</tr>");
    }
    w("</tbody></table></div>\n");
    return w.take();
}

// ---------------------------------------------------------------- text blocks

Html inset_text(const Html& body) {
    Writer w;
    w("<div class=\"inset-text\">{}</div>\n", body);
    return w.take();
}

Html warning_text(const i18n::Tr& tr, std::string_view text) {
    Writer w;
    w("<div class=\"warning-text\"><span class=\"warning-text__icon\" aria-hidden=\"true\">!</span>"
      "<strong class=\"warning-text__text\"><span class=\"visually-hidden\">{} </span>{}</strong></div>\n",
      tr("Warning:"), text);
    return w.take();
}

Html tag(std::string_view label, std::string_view colour) {
    static constexpr std::string_view known[] = {"grey", "green", "blue", "red", "yellow", "purple"};
    bool ok = std::find(std::begin(known), std::end(known), colour) != std::end(known);
    Writer w;
    if (ok) w("<strong class=\"tag tag--{}\">{}</strong>", colour, label);
    else w("<strong class=\"tag\">{}</strong>", label);
    return w.take();
}

Html details(std::string_view summary, const Html& body) {
    Writer w;
    w("<details class=\"details\"><summary class=\"details__summary\">{}</summary>"
      "<div class=\"details__text\">{}</div></details>\n",
      summary, body);
    return w.take();
}

Html panel(std::string_view title, const Html& body) {
    Writer w;
    w("<div class=\"panel\"><h2 class=\"panel__title\">{}</h2><div class=\"panel__body\">{}</div></div>\n", title,
      body);
    return w.take();
}

// ---------------------------------------------------------------- cards

Html card_grid(const std::vector<Card>& cards, int heading_level) {
    if (cards.empty()) return {};
    int h = std::clamp(heading_level, 2, 6);
    Writer w;
    w("<ul class=\"card-grid\">");
    for (const Card& c : cards) {
        // The link's ::after covers the card, so the whole card is clickable while the link
        // text stays the card's title (no "read more" links).
        w("<li class=\"card\"><h{} class=\"card__title\"><a class=\"card__link\" href=\"{}\">{}</a></h{}>", h, c.href,
          c.title, h);
        if (!c.description.empty()) w("<p class=\"card__text\">{}</p>", c.description);
        w("</li>");
    }
    w("</ul>\n");
    return w.take();
}

}  // namespace syn::html
