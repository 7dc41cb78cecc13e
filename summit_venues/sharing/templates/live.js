// The report's one script: it re-ranks the venues for the weights of the sliders. It reads the numbers from the
// page's JSON (pages.live_weights), writes text only (textContent), fetches nothing, and without it the section
// stays hidden and the static table says all. The arithmetic is the package's: weights rescaled to sum to 1, a
// weighted sum, ties sharing the better rank, scores shown to two decimals.
(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var section = document.getElementById("try-weights"), picker = document.getElementById("weights-profile");
  var body = document.querySelector("#live-ranking tbody"), note = document.getElementById("live-note");
  var sliders = data.criteria.map(function (c, i) { return document.getElementById("weight-" + i); });
  function rank() {
    var raw = sliders.map(function (s) { return parseFloat(s.value); });
    sliders.forEach(function (s, i) { document.getElementById("weight-" + i + "-value").textContent = s.value; });
    var total = raw.reduce(function (a, b) { return a + b; }, 0);
    body.textContent = "";
    if (!(total > 0)) {
      note.textContent = "Every weight is 0: give at least one criterion a weight to rank the venues.";
      return;
    }
    note.textContent = "";
    var rows = data.venues.map(function (v) {
      var overall = 0;
      v.scores.forEach(function (score, i) { overall += (raw[i] / total) * score; });
      return {name: v.name, overall: overall};
    });
    rows.sort(function (a, b) { return b.overall - a.overall; });
    rows.forEach(function (row, i) {
      var tr = document.createElement("tr"), name = document.createElement("td"), score = document.createElement("td");
      var place = rows.findIndex(function (other) { return other.overall === row.overall; }) + 1;
      name.textContent = place + ". " + row.name;
      score.textContent = row.overall.toFixed(2);
      tr.appendChild(name); tr.appendChild(score); body.appendChild(tr);
    });
  }
  picker.addEventListener("change", function () {
    data.profiles[picker.value].weights.forEach(function (w, i) { sliders[i].value = w; });
    rank();
  });
  sliders.forEach(function (s) { s.addEventListener("input", rank); });
  section.hidden = false;
  rank();
})();
