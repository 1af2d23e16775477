// VQA challenge UI: shows the picture (or, on request, the text description for people who
// cannot see it) with the question, and submits the answer. Every picture is single-use; a
// wrong answer fetches a new one. Renders into a container the page provides.
import { problem } from "./gate_client.js";

const TEXT = {
  en: { title: "Quick check", textOnly: "I can't see the picture", submit: "Answer", wrong: "Not quite - here is a new one.",
        wait: (s) => `Too many tries - please wait ${s} s.` },
  ko: { title: "확인 질문", textOnly: "그림을 볼 수 없어요", submit: "답하기", wrong: "틀렸어요. 새 질문입니다.",
        wait: (s) => `시도가 너무 많아요. ${s}초 후에 다시 해 주세요.` },
};

export function showChallenge(container, { token, lang = "en", onPassed }) {
  const t = TEXT[lang] || TEXT.en;
  let accessible = false;
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };

  async function load(message = "") {
    container.replaceChildren();
    const res = await fetch("/api/v1/shield/vqa", { method: "POST", headers, body: JSON.stringify({ lang, accessible }) });
    if (!res.ok) {
      const err = await problem(res);
      container.append(el("p", { role: "alert" }, err.retryAfter ? t.wait(err.retryAfter) : err.message));
      if (err.retryAfter) setTimeout(() => load(), err.retryAfter * 1000);
      return;
    }
    const c = await res.json();
    const form = el("form", { "aria-labelledby": "vqa-title" });
    form.append(el("h2", { id: "vqa-title" }, t.title));
    if (message) form.append(el("p", { role: "status" }, message));
    if (c.image) form.append(el("img", { src: c.image, alt: c.question, width: 400, height: 260 }));
    if (c.description) form.append(el("p", { id: "vqa-description" }, c.description));
    const input = el("input", { type: "text", inputmode: "numeric", autocomplete: "off", required: "", "aria-describedby": "vqa-question" });
    form.append(el("label", { id: "vqa-question" }, c.question), input, el("button", { type: "submit" }, t.submit));
    if (!accessible) {
      const alt = el("button", { type: "button" }, t.textOnly);
      alt.onclick = () => { accessible = true; load(); };
      form.append(alt);
    }
    form.onsubmit = async (e) => {
      e.preventDefault();
      const r = await fetch(`/api/v1/shield/vqa/${encodeURIComponent(c.id)}/answer`,
                            { method: "POST", headers, body: JSON.stringify({ answer: input.value }) });
      if (r.status === 204) return onPassed && onPassed();
      const err = await problem(r);
      if (err.code === "vqa-rate-limited") return load(t.wait(err.retryAfter));
      load(t.wrong);
    };
    container.append(form);
    input.focus();
  }

  load();
}

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}
