// Progressive enhancement of the check-in desk: where the browser has BarcodeDetector and a camera, offer
// "Scan QR code"; a scanned code (the QR holds only the confirmation code) fills the typed-code form and submits
// it. Without JavaScript, BarcodeDetector or a camera, nothing here runs and the typed code works as always.
/* global document, window, navigator, BarcodeDetector */
(function () {
  'use strict';
  var form = document.querySelector('[data-qr-form]');
  var input = form && form.querySelector('input[name="code"]');
  if (!form || !input || !('BarcodeDetector' in window)) return;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || !navigator.mediaDevices.enumerateDevices)
    return;

  var stream = null;
  var timer = null;

  function stop(box, button) {
    if (timer) window.clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach((t) => t.stop());
    stream = null;
    var video = box.querySelector('video');
    if (video) video.remove();
    button.textContent = form.dataset.scanLabel;
    button.setAttribute('aria-pressed', 'false');
  }

  function start(box, button, status, detector) {
    status.textContent = '';
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        var video = document.createElement('video');
        video.className = 'fd-scan__video';
        video.setAttribute('aria-label', form.dataset.videoLabel);
        video.muted = true;
        video.playsInline = true;
        video.srcObject = s;
        box.appendChild(video);
        button.textContent = form.dataset.stopLabel;
        button.setAttribute('aria-pressed', 'true');
        return video.play().then(function () {
          var look = function () {
            detector
              .detect(video)
              .then(function (codes) {
                var text = codes.length > 0 ? String(codes[0].rawValue || '').trim() : '';
                if (text) {
                  input.value = text;
                  stop(box, button);
                  if (form.requestSubmit) form.requestSubmit();
                  else form.submit();
                } else if (stream) timer = window.setTimeout(look, 250);
              })
              .catch(function () {
                if (stream) timer = window.setTimeout(look, 500);
              });
          };
          look();
        });
      })
      .catch(function () {
        stop(box, button);
        status.textContent = form.dataset.errorLabel;
        input.focus();
      });
  }

  function offer(detector) {
    var box = document.createElement('div');
    box.className = 'fd-scan';
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'usa-button usa-button--outline';
    button.textContent = form.dataset.scanLabel;
    button.setAttribute('aria-pressed', 'false');
    var status = document.createElement('p');
    status.className = 'usa-error-message';
    status.setAttribute('role', 'status');
    box.appendChild(button);
    box.appendChild(status);
    form.appendChild(box);
    button.addEventListener('click', function () {
      if (stream) stop(box, button);
      else start(box, button, status, detector);
    });
  }

  BarcodeDetector.getSupportedFormats()
    .then(function (formats) {
      if (formats.indexOf('qr_code') === -1) return;
      return navigator.mediaDevices.enumerateDevices().then(function (devices) {
        if (devices.some((d) => d.kind === 'videoinput')) offer(new BarcodeDetector({ formats: ['qr_code'] }));
      });
    })
    .catch(function () {
      // No scanner: the typed code is the way in.
    });
})();
