// The organisations map: a progressive enhancement over the list of organisations.
//
// The server renders <div id="organisations-map" hidden data-tile-url=… data-attribution=…>
// and puts data-lat/data-lng/data-name (and data-href) on each element that already shows an
// organisation in words. Without JavaScript, or when Leaflet did not load, the container stays
// hidden and the list is the whole page; with it, the map is drawn from those same elements,
// so the two can never disagree. Loaded with defer after leaflet.js; no inline script (CSP).
(function () {
  'use strict';

  var container = document.getElementById('organisations-map');
  if (!container || typeof window.L === 'undefined') return;
  var L = window.L;
  var data = container.dataset;
  if (!data.tileUrl) return;

  var places = [];
  document.querySelectorAll('[data-lat][data-lng]').forEach(function (el) {
    var lat = parseFloat(el.dataset.lat);
    var lng = parseFloat(el.dataset.lng);
    if (!isFinite(lat) || !isFinite(lng)) return;
    places.push({ lat: lat, lng: lng, name: el.dataset.name || '', href: el.dataset.href || '' });
  });
  if (!places.length) return;

  // Leaflet puts the attribution in as HTML; ours is configuration text, so it goes in as text.
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  // With many markers, each a Tab stop, keyboard users get a way past the map to the list.
  var skipTo = data.skipTo && document.getElementById(data.skipTo);
  if (skipTo && data.skipLabel) {
    var skip = document.createElement('a');
    skip.className = 'org-map__skip';
    skip.href = '#' + data.skipTo;
    skip.textContent = data.skipLabel;
    container.parentNode.insertBefore(skip, container);
  }

  // Shown before Leaflet measures the container: a hidden element has no size.
  container.hidden = false;
  var map = L.map(container, { zoomControl: false, scrollWheelZoom: false });
  L.control.zoom({
    zoomInTitle: data.zoomIn || 'Zoom in',
    zoomOutTitle: data.zoomOut || 'Zoom out',
  }).addTo(map);
  L.tileLayer(data.tileUrl, {
    maxZoom: 19,
    attribution: escapeHtml(data.attribution || ''),
  }).addTo(map);

  // Many pins close together become one numbered group (Leaflet.markercluster, when it loaded):
  // a button that keyboard users reach with Tab and open with Enter, which zooms in on it.
  var layer = map;
  if (typeof L.markerClusterGroup === 'function' && places.length > 1) {
    layer = L.markerClusterGroup({
      showCoverageOnHover: false,
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        var label = (data.clusterLabel || '{} places: zoom in').replace('{}', String(count));
        var size = count < 10 ? 'small' : count < 100 ? 'medium' : 'large';
        return L.divIcon({
          html: '<div><span aria-hidden="true">' + count + '</span><span class="visually-hidden">' + escapeHtml(label) + '</span></div>',
          className: 'marker-cluster marker-cluster-' + size,
          iconSize: L.point(40, 40),
        });
      },
    });
    map.addLayer(layer);
  }

  var bounds = [];
  places.forEach(function (p) {
    // title and alt name the marker for mouse and screen-reader users; keyboard users can
    // Tab to it and press Enter to open its popup.
    var marker = L.marker([p.lat, p.lng], { title: p.name, alt: p.name, keyboard: true });
    layer.addLayer(marker);
    var popup = document.createElement('div');
    if (p.href) {
      var link = document.createElement('a');
      link.href = p.href;
      link.textContent = p.name;
      popup.appendChild(link);
    } else {
      var strong = document.createElement('strong');
      strong.textContent = p.name;
      popup.appendChild(strong);
    }
    marker.bindPopup(popup);
    bounds.push([p.lat, p.lng]);
  });

  if (bounds.length === 1) map.setView(bounds[0], 16);
  else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
})();
