// The incidents page's interactive map (Leaflet and Leaflet.markercluster, served from /static).
// Progressive enhancement: without scripts the server-drawn SVG map stays. No tiles are fetched:
// the basemap is our own GeoJSON (countries from Natural Earth, approximate governorates).
// Every text from the ledger is put in the page with textContent, never as HTML.
(function () {
  "use strict";
  var box = document.getElementById("lmap");
  if (!box || typeof L === "undefined" || !L.markerClusterGroup) { return; }
  var list = document.getElementById("map-list");
  var panel = document.getElementById("map-panel");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }

  // The incidents of one or more places, listed under the map.
  function showList(places) {
    list.textContent = "";
    var total = places.reduce(function (a, p) { return a + p.n; }, 0);
    var head = el("p", "map-list-head");
    head.appendChild(el("b", null, places.length === 1 ? (places[0].place || "unnamed place")
      : places.length + " places"));
    head.appendChild(document.createTextNode(": " + total + (total === 1 ? " incident" : " incidents")));
    var close = el("button", "map-list-close", "close");
    close.type = "button";
    close.addEventListener("click", function () { list.textContent = ""; });
    head.appendChild(close);
    list.appendChild(head);
    var ul = el("ul", "map-incidents");
    places.forEach(function (p) {
      p.incidents.forEach(function (s) {
        var li = el("li");
        var a = el("a", null, "#" + s.id);
        a.href = "/incidents/" + encodeURIComponent(s.id);
        li.appendChild(a);
        li.appendChild(document.createTextNode(" " + (s.date || "undated") + " · " +
          (places.length > 1 ? (p.place || "unnamed place") + " · " : "") +
          (s.count === null ? "" : s.count + " killed · ") + String(s.grade).replace(/_/g, " ") + " · "));
        li.appendChild(el("span", "map-headline", s.headline));
        ul.appendChild(li);
      });
      if (p.n > p.incidents.length) {
        var more = el("li");
        var a = el("a", null, "all " + p.n + " at " + (p.place || "this place"));
        a.href = "/incidents?place=" + encodeURIComponent(p.place || "");
        more.appendChild(a);
        ul.appendChild(more);
      }
    });
    list.appendChild(ul);
  }

  function icon(n, cls) {
    n = Math.max(0, Math.floor(Number(n) || 0));  // a count we computed: digits only
    var size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 46;
    // an HTML string, not an element: Leaflet builds the icon again each time a marker returns
    // from a cluster, and one element can only be in one place
    return L.divIcon({ html: "<div><span>" + n + "</span></div>", className: "cw-mark " + cls,
                       iconSize: L.point(size, size) });
  }

  panel.classList.add("js-map");
  var map = L.map(box, { zoomSnap: 0.5, minZoom: 4, maxZoom: 13, worldCopyJump: false,
                         attributionControl: true, preferCanvas: false });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth; Who's On First, GeoNames (CC BY 4.0)");
  map.setView([34.5, 40.5], 5);

  var countries = L.geoJSON(null, { interactive: false, style: function (f) {
    var focus = f.properties.name === "Syria" || f.properties.name === "Iraq";
    return { color: focus ? "#5c584f" : "#a9a59a", weight: focus ? 1.4 : 0.8,
             fillColor: focus ? "#fbfaf5" : "#efede6", fillOpacity: 1 };
  } }).addTo(map);
  var govs = L.geoJSON(null, { style: function () {
    return { color: "#8d887c", weight: 0.8, dashArray: "3 3", fill: true, fillOpacity: 0 };
  }, onEachFeature: function (f, layer) {
    layer.bindTooltip(f.properties.name, { sticky: true, className: "gov-tip" });
  } }).addTo(map);
  var labels = L.layerGroup().addTo(map);

  // The map's one legend: what a mark and a cluster mean, and the governorate lines.
  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var box = el("div", "map-legend");
    [["cw-mark cw-place", "7", "a place: its incidents"],
     ["cw-mark cw-cluster", "12", "places merged: their incidents"]].forEach(function (row) {
      var line = el("div", "map-legend-row");
      var mark = el("span", row[0]);
      var inner = el("div");
      inner.appendChild(el("span", null, row[1]));
      mark.appendChild(inner);
      line.appendChild(mark);
      line.appendChild(el("span", null, row[2]));
      box.appendChild(line);
    });
    var gov = el("div", "map-legend-row");
    gov.appendChild(el("span", "map-legend-gov"));
    gov.appendChild(el("span", null, "governorate (approximate)"));
    box.appendChild(gov);
    return box;
  };
  legend.addTo(map);

  var clusters = L.markerClusterGroup({
    maxClusterRadius: 44, showCoverageOnHover: false, spiderfyOnMaxZoom: true,
    iconCreateFunction: function (c) {
      var n = c.getAllChildMarkers().reduce(function (a, m) { return a + m.cw.n; }, 0);
      return icon(n, "cw-cluster");
    }
  });
  clusters.on("clusterclick", function (e) {
    showList(e.layer.getAllChildMarkers().map(function (m) { return m.cw; }));
  });
  map.addLayer(clusters);

  function placeLabels() {  // name the places shown on their own (not inside a cluster)
    labels.clearLayers();
    if (map.getZoom() < 6) { return; }
    var bounds = map.getBounds();
    clusters.eachLayer(function (m) {
      if (!bounds.contains(m.getLatLng()) || clusters.getVisibleParent(m) !== m) { return; }
      labels.addLayer(L.tooltip({ permanent: true, direction: "right", offset: [14, 0],
                                  className: "place-label", interactive: false })
        .setLatLng(m.getLatLng()).setContent(el("span", null, m.cw.place || "")));
    });
  }
  map.on("zoomend moveend", placeLabels);
  clusters.on("animationend", placeLabels);

  Promise.all([getJSON("/static/region.geojson"), getJSON("/static/governorates.geojson"),
               getJSON(box.getAttribute("data-src"))]).then(function (res) {
    countries.addData(res[0]);
    govs.addData(res[1]);
    var data = res[2];
    var markers = data.places.map(function (p) {
      var m = L.marker([p.lat, p.lon], { icon: icon(p.n, "cw-place"), title: (p.place || "") +
        ": " + p.n + (p.n === 1 ? " incident" : " incidents"), keyboard: true });
      m.cw = p;
      m.on("click", function () { showList([p]); });
      return m;
    });
    clusters.addLayers(markers);
    if (data.bounds) {
      var b = L.latLngBounds(data.bounds);
      map.fitBounds(b.pad(0.15), { maxZoom: 8, animate: false });
      if (data.outside) {
        box.setAttribute("title", data.outside + " places outside the region: zoom out to see them");
      }
    }
    box.setAttribute("data-places", String(data.places.length));
    box.setAttribute("data-ready", "1");
    placeLabels();
  }).catch(function (err) {
    panel.classList.remove("js-map");  // the server-drawn map is still there
    box.setAttribute("data-error", String(err));
  });
  map.on("zoomend", function () { box.setAttribute("data-zoom", String(map.getZoom())); });
  box.setAttribute("data-zoom", String(map.getZoom()));
}());
