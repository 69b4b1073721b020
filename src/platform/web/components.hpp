#pragma once
// Page pieces that need the request (its municipality's prefix, its CSRF token, the assets):
// the small POST form behind a button, and the map's scripts. The rest of the components are
// pure HTML (platform/html/components.hpp and forms.hpp).
#include <string_view>

#include "platform/html/layout.hpp"
#include "platform/html/writer.hpp"
#include "platform/web/context.hpp"

namespace syn::web {

// A one-button form that POSTs to `path` (inside the municipality) with the CSRF token: for
// actions that need no input ("Withdraw", "Mark as read"). `hidden` is read after the label
// by screen readers only, to say what the button acts on ("Withdraw" … "the invitation to
// maria@example.gr"). kind: primary|secondary|warning.
html::Html post_button(Context& ctx, std::string_view path, std::string_view label, std::string_view hidden = {},
                       std::string_view kind = "secondary");

// Leaflet's style and script and then the page's own map script (deferred, in that order),
// when the install has a tile server; a map container is drawn by the page.
void add_map_assets(html::Shell& shell, const Context& ctx, std::string_view script);
bool map_enabled(const Context& ctx);

// A map's container: hidden until the page's map script shows it, so without JavaScript nothing
// is there (the page says the same in words). The tile server and the labels of Leaflet's
// controls ride along as data-*, so the script holds no language; `data` adds the page's own
// data-* attributes (written with a Writer, so escaped), and skip_to (the id of what follows a
// big map) asks the script for a "Skip the map" link, so keyboard users need not Tab through
// every marker.
struct MapRegion {
    std::string_view id;
    std::string_view label;  // what the region is, for screen readers
    bool small = true;
    html::Html data = {};
    std::string_view skip_to = {};
};
html::Html map_region(const Context& ctx, const MapRegion& m);

}  // namespace syn::web
