/* The site's search, run in the reader's browser: no server is needed.
   The index (search-index.js, made by charterwatch.publish.site.search_index) lists each
   word once with the pages it is on and where (title, heading or text), packed into a few
   characters (unpacked by postings() below). Words are compared
   in one form, made here by the same steps as in Python: lower case, accents dropped,
   hyphens and apostrophes inside a word removed. A word also finds longer words it begins
   ("complain" finds "complaints") and words a letter or two shorter ("appeals" finds
   "appeal"). The glossary's abbreviations and synonyms count as the same word, a little
   lower. Results are listed best first, with a snippet; the count is announced politely.
   Without JavaScript the page shows a message and the A to Z of every page instead. */
(function () {
  "use strict";
  var data = window.charterwatchSearch;
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var status = document.getElementById("search-results");
  var hits = document.getElementById("search-hits");
  var plain = document.getElementById("search-plain");
  var atoz = document.getElementById("search-a-to-z");
  if (!data || !form || !input || !status || !hits) { return; }
  if (plain) { plain.hidden = true; }
  /* The results' heading is made here: without a script there are no results to head. */
  var heading = document.createElement("h2");
  heading.id = "search-hits-heading";
  heading.textContent = hits.getAttribute("data-heading") || "";
  heading.hidden = true;
  hits.parentNode.insertBefore(heading, hits);
  hits.setAttribute("aria-labelledby", heading.id);

  var WORD = /[\p{L}\p{N}]+(?:['\u2019\-][\p{L}\p{N}]+)*/gu;
  var WEIGHT = [0, 1, 3, 8];  /* by place: -, text, heading, title */
  var PARTIAL = 0.8;          /* a longer or slightly shorter word */
  var SYNONYM = 0.5;          /* another word for the same thing, added to the word's */
  var vocabulary = Object.keys(data.words);
  var root = hits.getAttribute("data-root") || "";

  function flatten(text) {
    return text.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  }
  function words(text) {
    return (flatten(text).match(WORD) || []).map(function (w) {
      return w.replace(/['\u2019\-]/g, "");
    });
  }
  function spaced(text) { return " " + words(text).join(" ") + " "; }
  var titles = data.pages.map(function (page) { return spaced(page[1] + " " + page[2]); });
  var exact = data.pages.map(function (page) { return spaced(page[1]); });

  var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  /* A word's pages and places, unpacked as search_index.decode_postings does. */
  function postings(key) {
    var text = data.words[key];
    var out = [];
    var previous = -1;
    var value = 0;
    for (var i = 0; i < text.length; i += 1) {
      var digit = DIGITS.indexOf(text.charAt(i));
      value = value * 32 + (digit & 31);
      if (digit < 32) {
        previous += Math.floor(value / 3) + 1;
        out.push([previous, value % 3 + 1]);
        value = 0;
      }
    }
    return out;
  }

  /* The pages a word is on, each with its best weight. */
  function lookup(word) {
    var found = {};
    function add(key, factor) {
      postings(key).forEach(function (pair) {
        var page = pair[0];
        var score = WEIGHT[pair[1]] * factor;
        if (!(found[page] >= score)) { found[page] = score; }
      });
    }
    if (Object.prototype.hasOwnProperty.call(data.words, word)) { add(word, 1); }
    if (word.length >= 3) {
      vocabulary.forEach(function (key) {
        if (key === word) { return; }
        var longer = key.indexOf(word) === 0;
        var shorter = key.length >= 4 && word.length - key.length <= 2 && word.indexOf(key) === 0;
        if (longer || shorter) { add(key, PARTIAL); }
      });
    }
    return found;
  }

  /* Pages holding every word of a phrase: the lowest weight counts, or a title's
     weight when the title has the whole phrase. */
  function phrase(text, factor) {
    var list = text.split(" ");
    var result = null;
    list.forEach(function (word) {
      var found = lookup(word);
      if (result === null) { result = found; return; }
      var both = {};
      Object.keys(result).forEach(function (page) {
        if (found[page] !== undefined) { both[page] = Math.min(result[page], found[page]); }
      });
      result = both;
    });
    result = result || {};
    Object.keys(result).forEach(function (page) {
      if (list.length > 1 && titles[page].indexOf(" " + text + " ") !== -1) {
        result[page] = Math.max(result[page], WEIGHT[3]);
      }
      result[page] *= factor;
    });
    return result;
  }

  /* The other words the glossary gives for a word or phrase. */
  function synonyms(text) {
    var out = [];
    data.groups.forEach(function (group) {
      if (group.indexOf(text) === -1) { return; }
      group.forEach(function (other) {
        if (other !== text && out.indexOf(other) === -1) { out.push(other); }
      });
    });
    return out;
  }

  function add(into, from) {
    Object.keys(from).forEach(function (page) { into[page] = (into[page] || 0) + from[page]; });
    return into;
  }

  /* A word's pages: its own weight, plus a share of each of its synonyms' weights, so a
     page that speaks of the thing in several words comes before one that uses one. */
  function meaning(text) {
    var found = phrase(text, 1);
    synonyms(text).forEach(function (other) { add(found, phrase(other, SYNONYM)); });
    return found;
  }

  function search(query) {
    var list = words(query).filter(function (w) { return w.length > 1 || /\d/.test(w); });
    if (!list.length) { return []; }
    var whole = list.join(" ");
    var total = null;
    list.forEach(function (word) {
      var found = meaning(word);
      if (total === null) { total = found; return; }
      var both = {};
      Object.keys(total).forEach(function (page) {
        if (found[page] !== undefined) { both[page] = total[page] + found[page]; }
      });
      total = both;
    });
    if (list.length > 1) {  /* the whole query may be a synonym ("look again") */
      synonyms(whole).forEach(function (other) { add(total, phrase(other, SYNONYM)); });
    }
    return Object.keys(total).map(function (page) {
      var score = total[page];
      if (exact[page] === " " + whole + " ") {
        score += WEIGHT[3];  /* the title is what was typed */
      } else if (list.length > 1 && titles[page].indexOf(" " + whole + " ") !== -1) {
        score += WEIGHT[2];  /* the title holds the words as typed */
      }
      return { page: data.pages[page], score: score };
    }).sort(function (a, b) {
      return b.score - a.score || a.page[1].localeCompare(b.page[1]);
    });
  }

  function say(count, query) {
    var key = count === 0 ? "data-none" : (count === 1 ? "data-one" : "data-many");
    return (status.getAttribute(key) || "{count}")
      .replace("{count}", count.toLocaleString()).replace("{query}", query);
  }

  var announce = null;
  function show(query, at_once) {
    var text = query.trim();
    hits.textContent = "";
    window.clearTimeout(announce);
    if (!text) {
      heading.hidden = true;
      hits.hidden = true;
      if (atoz) { atoz.hidden = false; }
      status.textContent = "";
      return;
    }
    var ranked = search(text);
    ranked.forEach(function (hit) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + hit.page[0];
      link.textContent = hit.page[1];
      var kind = document.createElement("span");
      kind.className = "cw-index__kind";
      kind.textContent = hit.page[2];
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(kind);
      if (hit.page[3]) {
        var snippet = document.createElement("p");
        snippet.className = "cw-hits__snippet";
        snippet.textContent = hit.page[3];
        item.appendChild(snippet);
      }
      hits.appendChild(item);
    });
    heading.hidden = ranked.length === 0;
    hits.hidden = ranked.length === 0;
    if (atoz) { atoz.hidden = ranked.length > 0; }
    /* Announced once typing pauses, so a screen reader is not interrupted at every key. */
    var message = say(ranked.length, text);
    if (at_once) { status.textContent = message; return; }
    announce = window.setTimeout(function () { status.textContent = message; }, 600);
  }

  function remember(query) {
    if (!window.history || !window.history.replaceState) { return; }
    var url = new URL(window.location.href);
    if (query.trim()) { url.searchParams.set("q", query); } else { url.searchParams.delete("q"); }
    window.history.replaceState(null, "", url.toString());
  }

  /* For tests and curious readers: the same words and ranking the page uses. */
  window.charterwatchFind = { words: words, search: search };

  input.addEventListener("input", function () { show(input.value, false); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    remember(input.value);
    show(input.value, true);
  });
  var asked = new URLSearchParams(window.location.search).get("q");
  if (asked) { input.value = asked; }
  show(input.value, true);
}());
