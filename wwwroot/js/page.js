// What every page shares: the colour theme (in the link, remembered in a cookie, else the system's) and the live badge.

const root = document.documentElement;

/** The theme the page shows: chosen (data-theme, set by the server from the link or the cookie) or the system's. */
export function pictureTheme() {
  const chosen = root.dataset.theme;
  if (chosen === "light" || chosen === "dark") return chosen;
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** The live connection's badge: its word, and whether that word is "connected". */
export function showStatus(badge, status) {
  badge.textContent = status;
  badge.classList.toggle("is-connected", status === "connected");
}

const choice = document.getElementById("theme-choice");
if (choice) {
  choice.value = root.dataset.theme ?? "auto";
  choice.addEventListener("change", () => {
    document.cookie = `theme=${choice.value}; path=/; max-age=31536000; SameSite=Lax`;
    const url = new URL(location.href);
    url.searchParams.set("theme", choice.value);
    location.assign(url);
  });
}
