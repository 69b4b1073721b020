#include "platform/web/components.hpp"

#include "platform/html/forms.hpp"
#include "platform/web/app.hpp"

namespace syn::web {

html::Html post_button(Context& ctx, std::string_view path, std::string_view label, std::string_view hidden,
                       std::string_view kind) {
    html::Writer w;
    w("<form class=\"inline-form\" action=\"{}\" method=\"post\" novalidate>", ctx.url(path));
    w << html::csrf_input(ctx.csrf_token());
    w("<button type=\"submit\" class=\"button button--{}\">{}",
      kind == "warning" ? "warning" : kind == "primary" ? "primary" : "secondary", label);
    if (!hidden.empty()) w("<span class=\"visually-hidden\"> {}</span>", hidden);
    w("</button></form>\n");
    return w.take();
}

bool map_enabled(const Context& ctx) { return !ctx.cfg.map_tile_url.empty(); }

html::Html map_region(const Context& ctx, const MapRegion& m) {
    const auto& tr = ctx.tr;
    html::Writer w;
    w("<div id=\"{}\" class=\"org-map{}\" role=\"region\" aria-label=\"{}\" hidden "
      "data-tile-url=\"{}\" data-attribution=\"{}\" data-zoom-in=\"{}\" data-zoom-out=\"{}\"",
      m.id, m.small ? " org-map--small" : "", m.label, ctx.cfg.map_tile_url, ctx.cfg.map_attribution, tr("Zoom in"), tr("Zoom out"));
    if (!m.skip_to.empty()) w(" data-skip-to=\"{}\" data-skip-label=\"{}\"", m.skip_to, tr("Skip the map"));
    // A group of nearby pins is one button: "12 places, zoom in" ({} is the count).
    w(" data-cluster-label=\"{}\"", tr("{} places here: zoom in"));
    w << m.data;
    w("></div>\n");
    return w.take();
}

void add_map_assets(html::Shell& shell, const Context& ctx, std::string_view script) {
    if (!map_enabled(ctx)) return;
    auto& assets = ctx.app.assets();
    shell.extra_css_urls.push_back(assets.url("vendor/leaflet/leaflet.css"));
    shell.extra_css_urls.push_back(assets.url("vendor/leaflet/MarkerCluster.css"));
    shell.extra_css_urls.push_back(assets.url("vendor/leaflet/MarkerCluster.Default.css"));
    shell.script_urls.push_back(assets.url("vendor/leaflet/leaflet.js"));
    shell.script_urls.push_back(assets.url("vendor/leaflet/markercluster.js"));
    shell.script_urls.push_back(assets.url(std::string(script)));  // deferred: runs after Leaflet, in order
}

}  // namespace syn::web
