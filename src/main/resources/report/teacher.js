/*
 * The HTML report's time cursor, inlined into report.html by HtmlReport: nothing is fetched.
 *
 * Each scenario's section carries its data in <script type="application/json" class="teaching">
 * (TeachingData builds it). What the page shows at the cursor is a pure function of the cursor's time:
 * stepping back, dragging back or pressing Home shows exactly what was shown there before.
 *
 * At time t: a task has started when startMs <= t and ended when endMs <= t; it waits on a timer, an HTTP
 * response, a file, a reply over the event bus or a future while one of its waits holds (from <= t < to);
 * else it runs its own blocking code on a worker thread while a `worker` wait holds (executeBlocking: the
 * code runs, drawn solid); else it waits on the tasks it awaits (awaitedBy = it, awaitedAtMs <= t, not
 * ended yet; those not drawn counted from hiddenAwaited*); else it runs.
 * A line is printed and a claim decided when its time is <= t (a claim without a moment: at the end).
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  // Past this many await edges in a scenario, none is drawn: they would form unreadable bands.
  var MAX_EDGES = 40;
  // A run plays in real time, but never in less than 5 s nor more than 20 s.
  var PLAY_MIN_MS = 5000;
  var PLAY_MAX_MS = 20000;

  var sections = document.querySelectorAll('section.scenario');
  for (var i = 0; i < sections.length; i++) {
    var block = sections[i].querySelector('script.teaching');
    if (block) {
      teach(sections[i], JSON.parse(block.textContent));
    }
  }
  // What only makes sense with the script: the cursor's panels, its keys in the legend.
  document.querySelectorAll('[data-with-script]').forEach(function (el) { el.hidden = false; });

  function teach(section, data) {
    var svg = section.querySelector('svg.timeline');
    var player = section.querySelector('.player');
    var playButton = player.querySelector('button.play');
    var scrub = player.querySelector('input.scrub');
    var clock = player.querySelector('output.clock');
    var now = player.querySelector('.now');
    var total = Math.max(data.totalMs, 0);
    var left = +svg.dataset.left;
    var right = left + +svg.dataset.width;
    var scale = +svg.dataset.width / Math.max(total, 1);

    // Events outside any task are no task: never a row of the states table.
    var tasks = data.tasks.filter(function (task) { return task.id >= 0; });
    var names = {};
    tasks.forEach(function (task) { names[task.id] = task.name; });
    var waits = data.waits.map(function (w) { return {task: w[0], from: w[1], to: w[2], kind: w[3], what: w[4]}; });
    var waitsOf = group(waits, function (w) { return w.task; });
    var awaited = group(tasks.filter(function (task) { return task.awaitedBy >= 0 && task.awaitedAtMs >= 0; }),
      function (task) { return task.awaitedBy; });
    var events = data.events.map(function (e) { return {t: e[0], task: e[1], type: e[2], message: e[3]}; });
    var claimAt = data.claims.map(function (claim) { return claim.atMs >= 0 ? Math.min(claim.atMs, total) : total; });
    var times = steps();

    var cursor = total;
    var playing = null;
    var dragging = false;
    var stateCells = buildStates();
    var printed = Array.prototype.slice.call(section.querySelectorAll('ol.printed li'));
    var claimRows = Array.prototype.slice.call(section.querySelectorAll('table.claims tr[data-at-ms]'));
    var overlay = drawOverlay();
    showStory();

    player.hidden = false;
    scrub.max = String(total);

    playButton.addEventListener('click', toggle);
    player.querySelector('button.back').addEventListener('click', function () { pause(); back(); });
    player.querySelector('button.next').addEventListener('click', function () { pause(); next(); });
    scrub.addEventListener('input', function () { pause(); seek(+scrub.value); });
    svg.addEventListener('pointerdown', function (e) {
      // No text selection: a drag started on selected text would become the browser's drag and drop.
      e.preventDefault();
      pause();
      dragging = true;
      svg.setPointerCapture(e.pointerId);
      svg.focus();
      seek(timeAt(e));
    });
    svg.addEventListener('pointermove', function (e) { if (dragging) { seek(timeAt(e)); } });
    svg.addEventListener('pointerup', function (e) {
      if (dragging) {
        dragging = false;
        seek(timeAt(e));
      }
    });
    svg.addEventListener('pointercancel', function () { dragging = false; });
    section.addEventListener('keydown', function (e) {
      if (e.altKey || e.ctrlKey || e.metaKey) {
        return;
      }
      // A focused button does what it says on Space and Enter.
      if (e.target.closest('button') && (e.key === ' ' || e.key === 'Enter')) {
        return;
      }
      var keys = {
        ArrowRight: next, ArrowLeft: back,
        Home: function () { seek(0); }, End: function () { seek(total); }
      };
      if (e.key === ' ') {
        e.preventDefault();
        toggle();
      } else if (keys[e.key]) {
        e.preventDefault();
        pause();
        keys[e.key]();
      }
    });
    render();

    /** The moments a step can land on: 0, every event, every claim's moment, the end. */
    function steps() {
      var all = [0, total];
      events.forEach(function (e) { all.push(e.t); });
      claimAt.forEach(function (t) { all.push(t); });
      all.sort(function (a, b) { return a - b; });
      return all.filter(function (t, i) { return i === 0 || t !== all[i - 1]; });
    }

    function next() {
      for (var i = 0; i < times.length; i++) {
        if (times[i] > cursor) {
          return seek(times[i]);
        }
      }
      seek(total);
    }

    function back() {
      for (var i = times.length - 1; i >= 0; i--) {
        if (times[i] < cursor) {
          return seek(times[i]);
        }
      }
      seek(0);
    }

    function seek(t) {
      cursor = Math.min(Math.max(t, 0), total);
      render();
    }

    function toggle() {
      if (playing) {
        pause();
        return;
      }
      if (cursor >= total) {
        cursor = 0;
      }
      var playMs = Math.min(Math.max(total, PLAY_MIN_MS), PLAY_MAX_MS);
      var last = null;
      playing = {frame: 0};
      playButton.textContent = '⏸ pause';
      var frame = function (stamp) {
        if (!playing) {
          return;
        }
        if (last !== null) {
          cursor = Math.min(total, cursor + (stamp - last) * total / playMs);
        }
        last = stamp;
        render();
        if (cursor >= total) {
          pause();
        } else {
          playing.frame = requestAnimationFrame(frame);
        }
      };
      playing.frame = requestAnimationFrame(frame);
    }

    function pause() {
      if (playing) {
        cancelAnimationFrame(playing.frame);
        playing = null;
        playButton.textContent = '▶ play';
      }
    }

    function timeAt(e) {
      var point = svg.createSVGPoint();
      point.x = e.clientX;
      point.y = e.clientY;
      var x = point.matrixTransform(svg.getScreenCTM().inverse()).x;
      return (x - left) / scale;
    }

    function x(t) {
      return left + Math.min(t, total) * scale;
    }

    /** Everything the cursor decides, from the cursor alone. */
    function render() {
      var t = cursor;
      section.dataset.cursorMs = t.toFixed(3);
      clock.textContent = label(t);
      scrub.value = String(t);
      overlay.cursor.setAttribute('x1', x(t).toFixed(1));
      overlay.cursor.setAttribute('x2', x(t).toFixed(1));
      overlay.future.setAttribute('x', x(t).toFixed(1));
      overlay.future.setAttribute('width', Math.max(0, right - x(t)).toFixed(1));
      tasks.forEach(function (task, i) {
        var state = stateAt(task, t);
        var cell = stateCells[i];
        if (cell.textContent !== state[1]) {
          cell.textContent = state[1];
          cell.className = 'state ' + state[0];
        }
      });
      printed.forEach(function (li) { li.classList.toggle('later', +li.dataset.t > t); });
      claimRows.forEach(function (row, i) {
        var decided = claimAt[i] <= t;
        row.classList.toggle('undecided', !decided);
        row.cells[0].textContent = decided ? (data.claims[i].held ? '✓' : '✗') : '…';
      });
      var latest = null;
      for (var i = 0; i < events.length && events[i].t <= t; i++) {
        latest = events[i];
      }
      now.textContent = latest === null ? 'before the first event'
        : label(latest.t) + ' · ' + (latest.task >= 0 ? names[latest.task] || 'task ' + latest.task : 'the runner')
          + ' · ' + latest.type + (latest.message ? ' “' + latest.message + '”' : '');
    }

    /** [css class, text] of a task's state at t. */
    function stateAt(task, t) {
      if (t < task.startMs) {
        return ['not-started', 'not started'];
      }
      if (task.endMs !== null && t >= task.endMs) {
        if (task.end === 'failed') {
          return ['failed', task.reason ? 'failed (' + task.reason + ')' : 'failed'];
        }
        if (task.end === 'cancelled') {
          return ['cancelled', task.cancelledBy ? 'cancelled by ' + task.cancelledBy : 'cancelled'];
        }
        return ['finished', 'finished'];
      }
      var open = (waitsOf[task.id] || []).filter(function (w) { return w.from <= t && t < w.to; });
      var waiting = open.filter(function (w) { return w.kind !== 'worker'; });
      if (waiting.length) {
        return ['waiting', 'waiting on ' + waiting.map(describe).join(', ')];
      }
      if (open.length) {
        return ['running', 'running on a worker thread (blocking)' + (open[0].what ? ': ' + open[0].what : '')];
      }
      var on = (awaited[task.id] || []).filter(function (other) {
        return other.awaitedAtMs <= t && !(other.endMs !== null && t >= other.endMs);
      });
      var hidden = awaitsHidden(task, t) ? task.hiddenAwaited : 0;
      var count = on.length + hidden;
      if (count) {
        var shown = on.slice(0, 3).map(function (other) { return other.name; }).join(', ');
        var more = count - Math.min(on.length, 3);
        if (!shown) {
          return ['waiting', 'waiting on ' + count.toLocaleString('en-US') + (count === 1 ? ' task' : ' tasks') + ' not drawn'];
        }
        return ['waiting', 'waiting on ' + (count === 1 ? 'task ' : 'tasks ') + shown
          + (more > 0 ? ' … and ' + more.toLocaleString('en-US') + ' more' : '')];
      }
      return ['running', 'running'];
    }

    /** Whether at t the task awaits one of the tasks not drawn: from the first awaited until the last ended. */
    function awaitsHidden(task, t) {
      if (!(task.hiddenAwaited > 0) || t < task.hiddenAwaitedFromMs) {
        return false;
      }
      return task.hiddenAwaitedToMs === null || t < task.hiddenAwaitedToMs;
    }

    function describe(w) {
      if (w.kind === 'timer') {
        return /^\d+(\.\d+)?$/.test(w.what) ? 'timer (' + w.what + ' ms)' : 'timer';
      }
      if (w.kind === 'event-bus') {
        return 'a reply from ' + (w.what || 'another node');
      }
      return w.kind + (w.what ? ' ' + w.what : '');
    }

    /**
     * When each task waits on the tasks it awaits and on nothing of its own: from each awaitedAtMs to that
     * task's end (the tasks not drawn too), merged, less its own waits, within its life. [[from, to], ...]
     */
    function awaitStretches(task) {
      var spans = (awaited[task.id] || []).map(function (other) {
        return [other.awaitedAtMs, other.endMs === null ? total : other.endMs];
      });
      if (task.hiddenAwaited > 0) {
        spans.push([task.hiddenAwaitedFromMs, task.hiddenAwaitedToMs === null ? total : task.hiddenAwaitedToMs]);
      }
      var end = task.endMs === null ? total : task.endMs;
      spans = spans.map(function (s) { return [Math.max(s[0], task.startMs), Math.min(s[1], end)]; })
        .filter(function (s) { return s[0] < s[1]; })
        .sort(function (a, b) { return a[0] - b[0]; });
      var merged = [];
      spans.forEach(function (s) {
        var last = merged[merged.length - 1];
        if (last && s[0] <= last[1]) {
          last[1] = Math.max(last[1], s[1]);
        } else {
          merged.push(s.slice());
        }
      });
      var own = (waitsOf[task.id] || []).slice().sort(function (a, b) { return a.from - b.from; });
      var out = [];
      merged.forEach(function (s) {
        var from = s[0];
        own.forEach(function (w) {
          if (w.to > from && w.from < s[1]) {
            if (w.from > from) {
              out.push([from, w.from]);
            }
            from = Math.max(from, w.to);
          }
        });
        if (from < s[1]) {
          out.push([from, s[1]]);
        }
      });
      return out;
    }

    /** The Java panel opens on the scenario's class, its story, not on the package and imports. */
    function showStory() {
      var pre = section.querySelector('figure.java pre');
      var code = pre && pre.querySelector('code');
      if (!code || !code.firstChild) {
        return;
      }
      var text = code.firstChild;
      var match = /^public (final )?class \w+/m.exec(text.data);
      if (!match) {
        return;
      }
      var range = document.createRange();
      range.setStart(text, match.index);
      range.setEnd(text, match.index + 1);
      var top = range.getBoundingClientRect().top - pre.getBoundingClientRect().top + pre.scrollTop;
      pre.scrollTop = Math.max(0, top - parseFloat(getComputedStyle(pre).paddingTop));
    }

    function buildStates() {
      var body = section.querySelector('table.states tbody');
      return tasks.map(function (task) {
        var row = body.insertRow();
        var name = row.insertCell();
        name.textContent = task.name;
        if (task.creator >= 0) {
          name.title = 'created by ' + (names[task.creator] || 'task ' + task.creator);
        }
        var state = row.insertCell();
        row.dataset.task = task.name;
        return state;
      });
    }

    /** Waits, who created and who awaits whom, the part not yet reached, and the cursor, over the bars. */
    function drawOverlay() {
      var lanes = {};
      svg.querySelectorAll('rect.bar[data-id]').forEach(function (bar) {
        lanes[bar.dataset.id] = {y: +bar.getAttribute('y'), h: +bar.getAttribute('height')};
      });
      var mid = function (lane) { return lane.y + lane.h / 2; };
      var layer = add(svg, 'g', {'class': 'overlay'});
      waits.forEach(function (w) {
        var lane = lanes[w.task];
        // A worker wait is the task's own blocking code running: drawn solid, as running.
        if (lane && w.kind !== 'worker') {
          var rect = add(layer, 'rect', {'class': 'wait ' + w.kind, x: x(w.from).toFixed(1), y: lane.y,
            width: Math.max(0.5, x(w.to) - x(w.from)).toFixed(1), height: lane.h});
          add(rect, 'title', {}).textContent = 'waiting on ' + describe(w) + ': ' + label(w.from) + ' → ' + label(w.to);
        }
      });
      tasks.forEach(function (task) {
        var lane = lanes[task.id];
        if (lane) {
          awaitStretches(task).forEach(function (s) {
            var rect = add(layer, 'rect', {'class': 'wait tasks', x: x(s[0]).toFixed(1), y: lane.y,
              width: Math.max(0.5, x(s[1]) - x(s[0])).toFixed(1), height: lane.h});
            add(rect, 'title', {}).textContent = 'waiting on the tasks it awaits: ' + label(s[0]) + ' → ' + label(s[1]);
          });
        }
      });
      var edges = tasks.filter(function (task) {
        return task.awaitedBy >= 0 && task.awaitedAtMs >= 0 && lanes[task.id] && lanes[task.awaitedBy];
      }).length;
      if (edges > MAX_EDGES) {
        var note = document.createElement('p');
        note.className = 'edges-left-out';
        note.textContent = edges.toLocaleString('en-US') + ' await arrows not drawn: past ' + MAX_EDGES
          + ' they cannot be read (the states table names who awaits whom)';
        svg.parentNode.insertBefore(note, svg.nextSibling);
      }
      tasks.forEach(function (task) {
        var lane = lanes[task.id];
        if (!lane) {
          return;
        }
        var creator = lanes[task.creator];
        if (task.creator >= 0 && creator) {
          var sx = x(task.startMs).toFixed(1);
          add(layer, 'path', {'class': 'created', d: 'M' + sx + ' ' + mid(creator) + ' L' + sx + ' ' + mid(lane)});
        }
        var awaiter = lanes[task.awaitedBy];
        if (task.awaitedBy >= 0 && task.awaitedAtMs >= 0 && awaiter && edges <= MAX_EDGES) {
          var end = task.endMs === null ? total : task.endMs;
          var ex = x(end);
          add(layer, 'line', {'class': 'awaiting', x1: x(task.awaitedAtMs).toFixed(1), x2: ex.toFixed(1),
            y1: awaiter.y + awaiter.h, y2: awaiter.y + awaiter.h});
          // From the awaited task's end, bowing right, to the awaiter's lane, with an arrowhead there.
          var from = mid(lane);
          var to = mid(awaiter);
          var tip = to + (to > from ? -2 : 2);
          var path = add(layer, 'path', {'class': 'await',
            d: 'M' + ex.toFixed(1) + ' ' + from + ' C' + (ex + 14).toFixed(1) + ' ' + from + ' '
              + (ex + 14).toFixed(1) + ' ' + to + ' ' + (ex + 2).toFixed(1) + ' ' + tip});
          add(layer, 'path', {'class': 'await-head', d: 'M' + (ex + 1).toFixed(1) + ' ' + to + ' l5 -3 v6 z'});
          add(path, 'title', {}).textContent = (names[task.awaitedBy] || 'task ' + task.awaitedBy) + ' awaits '
            + task.name + ' from ' + label(task.awaitedAtMs) + '; its end wakes it at ' + label(end);
        }
      });
      // Printed lines and warnings stay visible over the waits; the part not yet reached is shaded over all.
      svg.querySelectorAll('.mark').forEach(function (mark) { svg.appendChild(mark); });
      var top = add(svg, 'g', {'class': 'cursor-layer'});
      var height = svg.viewBox.baseVal.height;
      return {
        future: add(top, 'rect', {'class': 'future', x: right, y: 0, width: 0, height: height}),
        cursor: add(top, 'line', {'class': 'cursor', x1: left, x2: left, y1: 0, y2: height})
      };
    }

    function label(ms) {
      return total >= 1000 ? (ms / 1000).toFixed(3) + ' s' : ms.toFixed(1) + ' ms';
    }
  }

  function add(parent, name, attributes) {
    var el = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (key) { el.setAttribute(key, attributes[key]); });
    parent.appendChild(el);
    return el;
  }

  function group(items, key) {
    var groups = {};
    items.forEach(function (item) { (groups[key(item)] = groups[key(item)] || []).push(item); });
    return groups;
  }
})();
