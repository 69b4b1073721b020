#pragma once
// Internal to platform/html: what every form field renders around its control (the group, the
// label's id, the hint and the error message), shared by forms.cpp and fields.cpp so that every
// field says the same thing the same way to screen readers.
#include <string>

#include "platform/html/forms.hpp"

namespace syn::html::detail {

struct Parts {
    std::string id;
    const std::string* error;
    std::string describedby;  // space-separated ids of the hint and the error
};

Parts parts(const Field& f, const Errors& e);
void group_start(Writer& w, const Parts& p);
void hint_and_error(Writer& w, const Field& f, const Parts& p, const Errors& e);
void common_attrs(Writer& w, const Field& f, const Parts& p);

}  // namespace syn::html::detail
