#pragma once
// Internal to platform/i18n: the ICU locale behind each Lang, shared by the catalog loader and
// the formatters so that translation and formatting never disagree about the region.
#include "platform/i18n/i18n.hpp"

namespace syn::i18n::detail {

// en_GB rather than en_US: day-month order and 24-hour time, like the Greek pages, so the two
// languages show the same facts in the same shape.
inline const char* icu_locale_id(Lang l) { return l == Lang::En ? "en_GB" : "el_GR"; }

inline std::size_t index(Lang l) { return l == Lang::En ? 1 : 0; }

}  // namespace syn::i18n::detail
