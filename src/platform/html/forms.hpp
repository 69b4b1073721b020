#pragma once
// Form components in the GOV.UK pattern: every field has a <label>, an optional hint and, after
// a failed submission, an error message; an error summary at the top links to each field.
// Hints and errors are tied to their field with aria-describedby so screen readers read them.
// The server validates (forms carry novalidate), so no browser bubbles compete with ours.
#include "platform/html/writer.hpp"
#include "platform/i18n/i18n.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace syn::html {

// A validation message for one field; `field` is the field's name (its id is field_id(name)).
struct FieldError {
    std::string field = {};
    std::string message = {};
};

// Construct it with the request's translator — Errors errors(tr) — so each field's message gets
// the visually hidden "Error:" prefix in the user's language (without one it is left out;
// aria-invalid still tells screen readers the field is wrong).
struct Errors {
    std::vector<FieldError> items;
    const i18n::Tr* tr = nullptr;

    Errors() = default;
    explicit Errors(const i18n::Tr& t) : tr(&t) {}
    bool empty() const { return items.empty(); }
    // The first message for this field, or nullptr.
    const std::string* for_field(std::string_view field) const;
    void add(std::string field, std::string message);
};

// The id a field's input gets: its name with every character outside [A-Za-z0-9_.-] turned
// into '-', so it is a valid id and a valid URL fragment ("items[0]" → "items-0-").
std::string field_id(std::string_view name);

// The "Error: …" line of one field, with the id "<id>-error" that the field's aria-describedby
// names; empty when error is null. Pages that draw a control or a section of their own (an
// actions heading, a fieldset of buttons) write it with this, so every error reads the same.
Html error_message(const i18n::Tr* tr, std::string_view id, const std::string* error);

// "There is a problem" with a link to #field_id(field) for each error. Empty when no errors.
// role="alert" announces it without JavaScript; tabindex=-1 lets a link focus it.
Html error_summary(const i18n::Tr& tr, const Errors& e);

// Every member has a default so that designated initializers may name only what they need
// ({.name = "email", .label = tr("Email"), .type = "email"}) without -Wextra warnings.
struct Field {
    std::string name = {};
    // The control's id and the key of its error, when they must differ from the name's (a second
    // form on one page that submits the same name, such as two "reason" boxes).
    std::string id = {};
    std::string label = {};
    std::string value = {};
    std::string hint = {};
    std::string type = "text";     // text|email|password|tel|url|number|search|date|time|file|…
    std::string autocomplete = {};  // e.g. "email", "new-password"; omitted when empty
    bool required = false;
    std::string inputmode = {};     // e.g. "numeric"; omitted when empty
};

// <label for>, hint, "Error: …" message, and the input. A password or file input never echoes
// its value back.
Html input(const Field& f, const Errors& e);
Html textarea(const Field& f, const Errors& e, int rows = 5);

struct Option {
    std::string value = {};
    std::string label = {};
};
// The option whose value equals f.value is selected.
Html select(const Field& f, const std::vector<Option>& options, const Errors& e);
// Radio buttons in a <fieldset> whose <legend> is f.label; the first radio's id is
// field_id(f.name), so the error summary link lands on it.
Html radios(const Field& f, const std::vector<Option>& options, const Errors& e);
// A single checkbox; submits name=1 when checked, nothing when not.
Html checkbox(std::string_view name, std::string_view label, bool checked, std::string_view hint = {});

// <input type="hidden" name="_csrf" value="…">
Html csrf_input(std::string_view token);
// <input type="hidden" name=… value=…>
Html hidden_input(std::string_view name, std::string_view value);
// A submit button; kind is primary|secondary|warning (anything else is primary).
Html button(std::string_view label, std::string_view kind = "primary");
// A link that looks like a button ("Start now", "Cancel").
Html button_link(std::string_view label, std::string_view href, std::string_view kind = "primary");
// <form … novalidate>; method is "get" or "post" (anything else is post).
Html form_start(std::string_view action, std::string_view method = "post", bool multipart = false);
Html form_end();

}  // namespace syn::html
