// Keyboard navigation in the triage queue: j / ArrowDown next row, k / ArrowUp previous row,
// Enter opens the suspect, n the next page. Kept out of the page: the CSP forbids inline script.
(function () {
  'use strict';
  var rows = Array.prototype.slice.call(document.querySelectorAll('#queue tbody tr[data-href]'));
  if (rows.length === 0) {
    return;
  }
  var current = -1;
  rows.forEach(function (row) {
    row.tabIndex = -1;
  });

  function select(index) {
    if (index < 0 || index >= rows.length) {
      return;
    }
    if (current >= 0) {
      rows[current].classList.remove('selected');
      rows[current].removeAttribute('aria-selected');
    }
    current = index;
    rows[current].classList.add('selected');
    rows[current].setAttribute('aria-selected', 'true');
    rows[current].focus();
    rows[current].scrollIntoView({block: 'nearest'});
  }

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey
        || (target && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName))) {
      return;
    }
    if (event.key === 'j' || event.key === 'ArrowDown') {
      select(current + 1);
      event.preventDefault();
    } else if (event.key === 'k' || event.key === 'ArrowUp') {
      select(Math.max(0, current - 1));
      event.preventDefault();
    } else if (event.key === 'Enter' && current >= 0 && target && target.tagName !== 'A') {
      window.location.href = rows[current].getAttribute('data-href');
      event.preventDefault();
    } else if (event.key === 'n') {
      var next = document.getElementById('next-page');
      if (next) {
        window.location.href = next.getAttribute('href');
      }
    }
  });

  rows.forEach(function (row, index) {
    row.addEventListener('click', function () {
      select(index);
    });
  });
})();
