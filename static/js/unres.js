// unres: copy a paragraph's link when its ¶ is clicked (the link still works without this).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.permalink");
    if (!link || !navigator.clipboard) return;
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    navigator.clipboard.writeText(url).then(function () {
      link.setAttribute("data-copied", document.documentElement.lang.indexOf("zh") === 0 ? "已复制链接" : "Link copied");
      link.classList.add("copied");
      window.setTimeout(function () { link.classList.remove("copied"); }, 1500);
    }, function () {});
  });
})();
