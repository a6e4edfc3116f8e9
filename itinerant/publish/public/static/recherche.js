/* Optional enhancements of the public site: the site works without them.
   1. The commune search (index.html): without it the form leads to the alphabetical list.
      Matches names without accents or case, "St" for "Saint", and postcodes; goes to the
      commune page when exactly one commune matches.
   2. "Près de moi" (index.html): asks the browser for the position (navigator.geolocation),
      finds the nearest town hall in the data embedded in the page and shows its next dates.
      The position never leaves the browser. The section stays hidden without the script or
      without geolocation.
   3. The embed code of a commune page: when the page is served over http(s), the placeholder
      address of the <iframe> code becomes the page's own address; a button copies the code.
   Every text shown comes from the page (data-* attributes written from the i18n texts). */
(function () {
  "use strict";

  function search() {
    var form = document.getElementById("recherche");
    var input = document.getElementById("recherche-commune");
    var status = document.getElementById("recherche-statut");
    var results = document.getElementById("recherche-resultats");
    if (!form || !input || !status || !results || !String.prototype.normalize) {
      return;
    }
    var links = Array.prototype.slice.call(document.querySelectorAll("a[data-nom]"));
    var tokens = { saint: "st", sainte: "ste", saints: "sts", saintes: "stes" };

    function norm(text) {
      return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/\u0153/g, "oe").replace(/\u00e6/g, "ae").replace(/[^a-z0-9]+/g, " ")
        .split(" ").filter(Boolean).map(function (w) { return tokens[w] || w; }).join(" ");
    }

    function keys(link) { return link.getAttribute("data-nom").split("|"); }

    function find(value) {
      var codes = value.match(/\d{5}/g) || [];
      var name = norm(value.replace(/\d{5}/g, " "));
      var pool = links.filter(function (a) {
        return !codes.length || a.getAttribute("data-cp").split(" ").indexOf(codes[0]) >= 0;
      });
      if (!name) { return codes.length ? pool : []; }
      var exact = pool.filter(function (a) { return keys(a).indexOf(name) >= 0; });
      if (exact.length) { return exact; }
      return pool.filter(function (a) {
        return keys(a).some(function (k) { return k.indexOf(name) === 0; });
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var found = find(input.value);
      results.textContent = "";
      if (found.length === 1) {
        window.location.href = found[0].getAttribute("href");
        return;
      }
      status.textContent = found.length ? form.getAttribute("data-many")
                                        : form.getAttribute("data-none");
      found.slice(0, 40).forEach(function (a) {
        var item = document.createElement("li");
        item.appendChild(a.cloneNode(true));
        results.appendChild(item);
      });
    });
  }

  // French elision before a value, as the Python texts do: "de {commune}" + "Aubusson"
  // gives "d'Aubusson" (never before an h, which may be aspirated)
  var VOWEL = /^[AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒaeiouyàâäéèêëîïôöùûüœ]/;

  function fill(template, values) {
    if ((document.documentElement.lang || "fr").slice(0, 2) === "fr") {
      template = template.replace(/\b([Dd])e \{(\w+)\}/g, function (all, d, key) {
        var value = values[key];
        return typeof value === "string" && VOWEL.test(value) ? d + "'{" + key + "}" : all;
      });
    }
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  function km(metres) {
    var lang = document.documentElement.lang || "fr";
    return (metres / 1000).toLocaleString(lang, { maximumFractionDigits: 1 });
  }

  function haversine(lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var dlat = (lat2 - lat1) * rad;
    var dlon = (lon2 - lon1) * rad;
    var a = Math.pow(Math.sin(dlat / 2), 2) +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.pow(Math.sin(dlon / 2), 2);
    return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function eventItem(event) {
    var item = element("li", "event");
    item.setAttribute("data-date", event.date);
    var heading = element("h3");
    var time = element("time", "", event.day);
    time.setAttribute("datetime", event.date);
    heading.appendChild(time);
    item.appendChild(heading);
    item.appendChild(element("p", "hours", event.hours));
    item.appendChild(element("p", "kind", event.kind));
    var place = element("p", "place");
    place.appendChild(element("strong", "place-name", event.name));
    place.appendChild(document.createElement("br"));
    place.appendChild(element("span", "address", event.place));
    item.appendChild(place);
    return item;
  }

  function nearMe() {
    var section = document.getElementById("pres-de-moi");
    var button = document.getElementById("pres-de-moi-bouton");
    var status = document.getElementById("pres-de-moi-statut");
    var results = document.getElementById("pres-de-moi-resultats");
    var link = document.getElementById("pres-de-moi-lien");
    var source = document.getElementById("donnees-pres-de-moi");
    if (!section || !button || !status || !results || !link || !source ||
        !navigator.geolocation || !window.JSON) {
      return;
    }
    var data = JSON.parse(source.textContent);
    section.hidden = false;

    function show(position) {
      var lat = position.coords.latitude;
      var lon = position.coords.longitude;
      var best = null;
      var bestM = Infinity;
      data.communes.forEach(function (c) {
        var m = haversine(lat, lon, c.lat, c.lon);
        if (m < bestM || (m === bestM && best && c.code < best.code)) { best = c; bestM = m; }
      });
      results.textContent = "";
      link.textContent = "";
      if (!best || bestM > data.maxKm * 1000) {
        status.textContent = fill(section.getAttribute("data-far"), { km: km(data.maxKm * 1000) });
        return;
      }
      var found = fill(section.getAttribute("data-found"), { commune: best.name, km: km(bestM) });
      if (!best.events.length) {
        found += " " + fill(section.getAttribute("data-none"), { commune: best.name });
      }
      status.textContent = found;
      best.events.forEach(function (k) { results.appendChild(eventItem(data.events[k])); });
      var a = element("a", "", fill(section.getAttribute("data-page"), { commune: best.name }));
      a.setAttribute("href", best.page);
      link.appendChild(a);
    }

    button.addEventListener("click", function () {
      status.textContent = section.getAttribute("data-waiting");
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) { button.disabled = false; show(position); },
        function (error) {
          button.disabled = false;
          results.textContent = "";
          link.textContent = "";
          status.textContent = section.getAttribute(
            error && error.code === 1 ? "data-denied" : "data-unavailable");
        },
        { enableHighAccuracy: false, timeout: 20000, maximumAge: 600000 }
      );
    });
  }

  function embed() {
    var code = document.getElementById("code-integration");
    var from = code && code.getAttribute("data-src");
    if (!code || !from || !/^https?:$/.test(window.location.protocol) || !window.URL) {
      return;
    }
    var src = new URL(code.getAttribute("data-widget"), window.location.href).href;
    code.textContent = code.textContent.split(from).join(src);
    var hint = document.getElementById("integrer-adresse");
    if (hint) { hint.hidden = true; }
  }

  function copy() {
    var button = document.getElementById("copier-integration");
    var code = document.getElementById("code-integration");
    var status = document.getElementById("copier-statut");
    if (!button || !code || !status || !navigator.clipboard || !window.isSecureContext) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(code.textContent).then(function () {
        status.textContent = button.getAttribute("data-copied");
      }, function () {
        var range = document.createRange();
        range.selectNodeContents(code);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      });
    });
  }

  search();
  nearMe();
  embed();
  copy();
})();
