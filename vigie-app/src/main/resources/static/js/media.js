// The media page: a revealed picture is hidden again after its time (data-seconds), at once on
// Escape or "hide now", when the tab is left, and when another tab reveals a picture: one at a
// time. The server's link to the clear picture works once, so hiding cannot be undone by a reload.
(function () {
  'use strict';
  var figure = document.getElementById('revealed');
  if (!figure) {
    return;
  }
  var seconds = parseInt(figure.getAttribute('data-seconds'), 10) || 20;
  var countdown = document.getElementById('reveal-countdown');
  var template = countdown ? countdown.textContent : '';
  var number = String(seconds);
  var channel = 'BroadcastChannel' in window ? new BroadcastChannel('vigie-media-reveal') : null;
  var timer = null;
  var left = seconds;

  function hide() {
    if (timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
    var image = document.getElementById('revealed-image');
    if (image) {
      image.removeAttribute('src');
      image.remove();
    }
    figure.remove();
    var blurred = document.getElementById('blurred');
    if (blurred) {
      blurred.classList.remove('hidden-while-revealed');
    }
    var hidden = document.getElementById('reveal-hidden');
    if (hidden) {
      hidden.hidden = false;
    }
    var open = document.querySelector('details.reveal summary');
    if (open) {
      open.focus();
    }
    window.removeEventListener('keydown', onKey);
  }

  function tick() {
    left -= 1;
    if (left <= 0) {
      hide();
    } else if (countdown) {
      countdown.textContent = template.replace(number, String(left));
    }
  }

  function onKey(event) {
    if (event.key === 'Escape') {
      hide();
    }
  }

  timer = window.setInterval(tick, 1000);
  window.addEventListener('keydown', onKey);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      hide();
    }
  });
  var button = document.getElementById('reveal-hide');
  if (button) {
    button.addEventListener('click', hide);
    button.focus();
  }
  if (channel) {
    channel.postMessage({ revealed: figure.getAttribute('data-media') });
    channel.onmessage = function () { hide(); };
  }
}());
