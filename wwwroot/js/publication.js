// A publication's page: the one thing that needs script is copying the embed code chosen (frozen or live).
const button = document.getElementById("embed-copy");
const said = document.getElementById("embed-copied");

function chosenCode() {
  const live = document.getElementById("embed-live");
  return document.getElementById(live?.checked ? "embed-code-live" : "embed-code-frozen");
}

if (button) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const code = chosenCode();
    try {
      await navigator.clipboard.writeText(code.value);
      said.textContent = "Copied.";
    } catch {
      code.select();
      said.textContent = "Selected: copy it with Ctrl+C or ⌘C.";
    }
    setTimeout(() => (said.textContent = ""), 4000);
  });
}
