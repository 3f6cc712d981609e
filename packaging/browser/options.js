/* The options page: the token and port, and a check that Lectern answers. */
"use strict";

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  const token = document.getElementById("token");
  const port = document.getElementById("port");
  const said = document.getElementById("said");

  function say(text, good) {
    said.textContent = text;
    said.className = good ? "good" : "bad";
  }

  LecternSave.settings().then((current) => {
    token.value = current.token;
    port.value = current.port;
  });

  document.getElementById("save").addEventListener("click", async () => {
    const chosen = Number.parseInt(port.value, 10);
    if (!(chosen > 0 && chosen < 65536)) {
      say("The port is a number from 1 to 65535 (Lectern's is 23200).", false);
      return;
    }
    await api.storage.local.set({ token: token.value.trim(), port: chosen });
    say("Saved.", true);
  });

  document.getElementById("check").addEventListener("click", async () => {
    try {
      const answer = await LecternSave.status(Number.parseInt(port.value, 10));
      say(`Lectern ${answer.version} is running.`, true);
    } catch (error) {
      say(error.message, false);
    }
  });
})();
