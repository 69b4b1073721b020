#include "platform/html/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <strings.h>
#include <memory>
#include <stdexcept>
#include <vector>

namespace syn::html {

namespace {

// Safe mode is cmark-gfm's default: it is CMARK_OPT_UNSAFE, which we never pass, that would
// let raw HTML and javascript: links through. CMARK_OPT_SAFE is kept for older versions, where
// it was the opt-in. Strikethrough only with "~~", so "~5 to ~10 people" stays text.
constexpr int kOptions = CMARK_OPT_SAFE | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;
constexpr int kHeadingShift = 2;

struct ParserFree { void operator()(cmark_parser* p) const { cmark_parser_free(p); } };
struct NodeFree { void operator()(cmark_node* n) const { cmark_node_free(n); } };

// A parsed document, with the parser kept alive because rendering needs its extension list.
struct Document {
    std::unique_ptr<cmark_parser, ParserFree> parser;
    std::unique_ptr<cmark_node, NodeFree> root;
};

Document parse(std::string_view md) {
    // Registering the extensions writes a global list without a lock: once, under the
    // thread-safe initialisation of a function-local static.
    static const bool registered = [] { cmark_gfm_core_extensions_ensure_registered(); return true; }();
    (void)registered;

    Document doc;
    doc.parser.reset(cmark_parser_new(kOptions));
    if (!doc.parser) throw std::bad_alloc();
    for (const char* name : {"autolink", "strikethrough", "table"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(doc.parser.get(), ext);
    }
    cmark_parser_feed(doc.parser.get(), md.data(), md.size());
    doc.root.reset(cmark_parser_finish(doc.parser.get()));
    if (!doc.root) throw std::bad_alloc();
    return doc;
}

std::vector<cmark_node*> nodes_of(cmark_node* root) {
    std::vector<cmark_node*> out;
    cmark_iter* it = cmark_iter_new(root);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;)
        if (ev == CMARK_EVENT_ENTER) out.push_back(cmark_iter_get_node(it));
    cmark_iter_free(it);
    return out;
}

bool inside_link(cmark_node* n) {
    for (cmark_node* p = cmark_node_parent(n); p; p = cmark_node_parent(p))
        if (cmark_node_get_type(p) == CMARK_NODE_LINK) return true;
    return false;
}

bool has_link_inside(cmark_node* n) {
    for (cmark_node* d : nodes_of(n))
        if (d != n && cmark_node_get_type(d) == CMARK_NODE_LINK) return true;
    return false;
}

bool starts_with_nocase(const char* s, std::string_view prefix) {
    return s && std::strlen(s) >= prefix.size() && strncasecmp(s, prefix.data(), prefix.size()) == 0;
}

bool web_address(const char* url) {
    return url && (std::strncmp(url, "https://", 8) == 0 || std::strncmp(url, "http://", 7) == 0);
}

void give_text(cmark_node* parent, const char* text) {
    cmark_node* t = cmark_node_new(CMARK_NODE_TEXT);
    cmark_node_set_literal(t, text);
    cmark_node_append_child(parent, t);
}

// An image becomes a link to it, its alt text the link text; inside a link or with a link in
// its alt text (links do not nest), or with an address that is not the web, just its alt text.
void replace_image(cmark_node* img) {
    const char* url = cmark_node_get_url(img);
    if (web_address(url) && !inside_link(img) && !has_link_inside(img)) {
        cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(link, url);
        if (const char* title = cmark_node_get_title(img); title && *title) cmark_node_set_title(link, title);
        while (cmark_node* child = cmark_node_first_child(img)) cmark_node_append_child(link, child);
        cmark_node_replace(img, link);
    } else {
        while (cmark_node* child = cmark_node_first_child(img)) cmark_node_insert_before(img, child);
        cmark_node_unlink(img);
    }
    cmark_node_free(img);
}

// Makes the tree fit our pages; see markdown.hpp for each rule's reason.
void adjust(cmark_node* root) {
    for (cmark_node* n : nodes_of(root)) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_IMAGE: replace_image(n); break;
            case CMARK_NODE_HEADING:
                if (!cmark_node_first_child(n)) {
                    cmark_node_unlink(n);
                    cmark_node_free(n);
                } else {
                    cmark_node_set_heading_level(n, std::min(6, cmark_node_get_heading_level(n) + kHeadingShift));
                }
                break;
            default:
                if (std::strcmp(cmark_node_get_type_string(n), "table") == 0) {
                    // The renderer reads each column's alignment from this array; zero means none.
                    if (uint8_t* align = cmark_gfm_extensions_get_table_alignments(n))
                        std::memset(align, 0, cmark_gfm_extensions_get_table_columns(n));
                }
                break;
        }
    }
    for (cmark_node* n : nodes_of(root)) {
        if (cmark_node_get_type(n) != CMARK_NODE_LINK) continue;
        // cmark lets data:image/… links through (they are harmless as images); as a link they
        // are a page nobody wants, so they lose their href like javascript: ones.
        if (starts_with_nocase(cmark_node_get_url(n), "data:")) cmark_node_set_url(n, "");
        // After images became links: a link with no text has no accessible name, so it shows
        // its address — or, when that is not a web address, is dropped.
        if (!cmark_node_first_child(n)) {
            const char* url = cmark_node_get_url(n);
            if (web_address(url)) {
                give_text(n, url);
            } else {
                cmark_node_unlink(n);
                cmark_node_free(n);
            }
        }
    }
}

bool is_block(cmark_node* n) {
    return (cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

Html render_markdown(std::string_view md) {
    Document doc = parse(md);
    adjust(doc.root.get());
    char* out = cmark_render_html(doc.root.get(), kOptions, cmark_parser_get_syntax_extensions(doc.parser.get()));
    if (!out) throw std::bad_alloc();
    std::string html(out);
    cmark_get_default_mem_allocator()->free(out);
    return Html(std::move(html));
}

std::string markdown_to_plain_text(std::string_view md, std::size_t max_chars) {
    Document doc = parse(md);

    // Every word, with a space wherever a block or a line break separates words.
    std::string raw;
    cmark_iter* it = cmark_iter_new(doc.root.get());
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
        cmark_node* n = cmark_iter_get_node(it);
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE: raw += cmark_node_get_literal(n); break;
            case CMARK_NODE_CODE_BLOCK: raw += ' '; raw += cmark_node_get_literal(n); raw += ' '; break;
            case CMARK_NODE_HTML_INLINE:
            case CMARK_NODE_HTML_BLOCK: break;  // markup, not words
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK: raw += ' '; break;
            default:
                if (is_block(n)) raw += ' ';
                break;
        }
    }
    cmark_iter_free(it);

    // Collapse white space, counting characters (UTF-8 lead bytes) as we go.
    std::string text;
    text.reserve(raw.size());
    std::size_t chars = 0;
    for (char c : raw) {
        if (is_space(c)) {
            if (!text.empty() && text.back() != ' ') text += ' ', ++chars;
            continue;
        }
        text += c;
        if (!is_continuation(c)) ++chars;
    }
    if (!text.empty() && text.back() == ' ') text.pop_back(), --chars;
    if (chars <= max_chars) return text;
    if (max_chars == 0) return {};

    // Keep max_chars - 1 characters, leaving room for the ellipsis.
    std::size_t keep = 0;
    for (std::size_t seen = 0; keep < text.size(); ++keep) {
        if (!is_continuation(text[keep]) && seen++ == max_chars - 1) break;
    }
    std::string_view cut(text.data(), keep);
    // Prefer to end at a word, unless that would throw away more than a third of what is left.
    if (auto space = cut.rfind(' '); space != std::string_view::npos && space >= keep * 2 / 3 && space > 0)
        cut = cut.substr(0, space);
    while (!cut.empty() && (cut.back() == ' ' || cut.back() == ',' || cut.back() == ';' || cut.back() == ':'))
        cut.remove_suffix(1);
    std::string out(cut);
    out += "\u2026";
    return out;
}

}  // namespace syn::html
