// Transcription queue, progressive enhancement (the page works without it: Enter submits, Tab moves).
// Selects a field's text on focus so that typing replaces the machine's reading, marks fields that were
// corrected, and makes Esc follow the Skip link. Served by Athar itself (CSP: script-src 'self').
(function () {
  'use strict';
  var form = document.querySelector('form.transcribe');
  if (!form) return;
  var fields = form.querySelectorAll('input[data-reading]');
  fields.forEach(function (field) {
    field.addEventListener('focus', function () { field.select(); });
    field.addEventListener('input', function () {
      field.value = field.value.replace(/[^0-9]/g, '');
      field.classList.toggle('corrected', field.value !== field.getAttribute('data-reading'));
    });
  });
  if (fields.length > 0 && document.activeElement === fields[0]) fields[0].select();
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') return;
    var skip = document.getElementById('skip');
    if (skip) { event.preventDefault(); window.location.assign(skip.getAttribute('href')); }
  });
})();
