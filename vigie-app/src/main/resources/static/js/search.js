// "/" focuses the search box (the page's, else the header's), unless the user is already typing.
document.addEventListener('keydown', function (event) {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  var target = event.target;
  var typing = target && (target.isContentEditable
      || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  if (typing) {
    return;
  }
  var box = document.getElementById('q') || document.getElementById('shell-q');
  if (box) {
    event.preventDefault();
    box.focus();
    box.select();
  }
});
