/* Optional enhancement of the commune search: the site works without it (the form then
   leads to the alphabetical list). Matches names without accents or case, "St" for "Saint",
   and postcodes; goes to the commune page when exactly one commune matches. */
(function () {
  "use strict";
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
})();
