// The report's one script: a reader's own weights, and the venues ranked again for them. It reads the numbers from
// the page's JSON (pages.live_weights), writes text only (textContent), fetches nothing, and without it the section
// stays hidden and a <noscript> note says so. The arithmetic is the package's: weights rescaled to sum to 1, a
// weighted sum, ties sharing the better rank, scores shown to two decimals (three where two would look tied).
//
// The weights live in the page's address, as `#weights=flight_path=1,facilities=2,...` (the syntax of
// `summit-venues rank --weights`), so that a copied link opens the page with them.
(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var byId = function (id) { return document.getElementById(id); };
  var section = byId("try-weights"), picker = byId("weights-profile");
  var body = document.querySelector("#live-ranking tbody"), note = byId("live-note"), leader = byId("live-leader");
  var share = byId("share-link"), copied = byId("copy-note"), swingNote = byId("swing-note");
  var sliders = data.criteria.map(function (c, i) { return byId("weight-" + i); });
  // The weights themselves: a slider shows them in steps of 0.5, a rating or a swing may set any value.
  var weights = data.initial.slice();
  // What was wrong with the weights in the page's address, if anything: said until the reader sets others.
  var linkProblem = "";

  function shown(w) { return String(Math.round(w * 100) / 100); }

  function rank() {
    sliders.forEach(function (s, i) { s.value = weights[i]; byId("weight-" + i + "-value").textContent = shown(weights[i]); });
    var total = weights.reduce(function (a, b) { return a + b; }, 0);
    body.textContent = "";
    leader.textContent = "";
    if (!(total > 0)) {
      note.textContent = "Every weight is 0: give at least one criterion a weight to rank the venues.";
      return;
    }
    note.textContent = linkProblem;
    var rows = data.venues.map(function (v) {
      var overall = 0;
      v.scores.forEach(function (score, i) { overall += (weights[i] / total) * score; });
      return {name: v.name, overall: overall};
    });
    rows.sort(function (a, b) { return b.overall - a.overall; });
    // Two decimals, three where two would show different scores alike (0.811 and 0.809, not 0.81 twice).
    var digits = rows.some(function (row, i) {
      return i > 0 && row.overall !== rows[i - 1].overall &&
        row.overall.toFixed(2) === rows[i - 1].overall.toFixed(2);
    }) ? 3 : 2;
    rows.forEach(function (row) {
      var tr = document.createElement("tr"), name = document.createElement("td"), score = document.createElement("td");
      var place = rows.findIndex(function (other) { return other.overall === row.overall; }) + 1;
      name.textContent = place + ". " + row.name;
      score.textContent = row.overall.toFixed(digits);
      tr.appendChild(name); tr.appendChild(score); body.appendChild(tr);
    });
    var tied = rows.length > 1 && rows[1].overall === rows[0].overall;
    leader.textContent = tied ? "At these weights the leading venues tie." :
      "At these weights " + rows[0].name + " ranks first" +
      (rows.length > 1 ? ", by " + (rows[0].overall - rows[1].overall).toFixed(3) + " of 1." : ".");
  }

  function address() {
    var base = location.href.split("#")[0];
    return base + "#weights=" + data.criteria.map(function (c, i) { return c.id + "=" + shown(weights[i]); }).join(",");
  }

  function update(yours) {
    if (yours) { picker.value = "yours"; linkProblem = ""; }
    rank();
    share.value = address();
    copied.textContent = "";
    if (yours && history.replaceState) { history.replaceState(null, "", share.value); }
  }

  function fromAddress() {
    var match = /(?:^#|&)weights=([^&]*)/.exec(location.hash);
    if (!match) { return false; }
    var given = {}, problems = [];
    decodeURIComponent(match[1]).split(",").forEach(function (item) {
      var pair = item.split("="), value = Number(pair[1]);
      if (pair.length !== 2 || pair[1] === "" || !isFinite(value) || value < 0) { problems.push(item); }
      else { given[pair[0]] = value; }
    });
    var known = data.criteria.filter(function (c) { return c.id in given; });
    if (problems.length || known.length === 0) {
      linkProblem = "The link's weights could not be read (" + (problems.join(", ") || "no criterion named") +
        "): the page shows its own.";
      return false;
    }
    weights = data.criteria.map(function (c) { return c.id in given ? given[c.id] : 0; });
    return true;
  }

  picker.addEventListener("change", function () {
    if (picker.value === "yours") { return; }
    weights = data.profiles[picker.value].weights.slice();
    linkProblem = "";
    update(false);
    if (history.replaceState) { history.replaceState(null, "", location.href.split("#")[0]); }
  });
  sliders.forEach(function (s, i) {
    s.addEventListener("input", function () { weights[i] = parseFloat(s.value); update(true); });
  });
  byId("use-rating").addEventListener("click", function () {
    weights = data.criteria.map(function (c, i) { return parseFloat(byId("rate-" + i).value); });
    update(true);
  });
  byId("use-swing").addEventListener("click", function () {
    var swings = data.criteria.map(function (c, i) { return Number(byId("swing-" + i).value); });
    var bad = swings.some(function (s) { return !isFinite(s) || s < 0 || s > 100; });
    if (bad || Math.max.apply(null, swings) !== 100) {
      swingNote.textContent = "Give the swing that matters most 100, and every other one a number from 0 to 100.";
      return;
    }
    swingNote.textContent = "";
    // The top swing gets the sliders' top weight, 5; the others their share of it.
    weights = swings.map(function (s) { return s / 20; });
    update(true);
  });
  byId("copy-link").addEventListener("click", function () {
    share.select();
    var done = function () { copied.textContent = "Copied."; };
    var fallback = function () {
      try { copied.textContent = document.execCommand("copy") ? "Copied." : "Select the link and copy it."; }
      catch (e) { copied.textContent = "Select the link and copy it."; }
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(share.value).then(done, fallback);
    } else { fallback(); }
  });
  section.hidden = false;
  var linked = fromAddress();
  update(linked);
})();
