// The map's companions: legend with live counts, a table of sections with free seats (each
// can be shown on the map), and the "best available N in category" form. The table and the
// form are the keyboard and screen-reader way to choose seats: everything the canvas offers
// is reachable without it.
import { el } from "./dom.js";
import { formatMoney } from "./format.js";

export class SidePanel {
  constructor({ legend, sectionsBody, bestForm }, model, palette, event, { onFocusSection, onBestAvailable }) {
    Object.assign(this, { model, palette, event });
    this.countCells = {};
    this.buildLegend(legend);
    this.buildSections(sectionsBody, onFocusSection);
    this.buildBestForm(bestForm, onBestAvailable);
  }

  buildLegend(legend) {
    const { model, palette, event } = this;
    const swatch = (colour, ring = false) => el("span", { class: ring ? "swatch ring" : "swatch", style: `background:${colour}`, "aria-hidden": "true" });
    const items = model.categories.map((c, i) => {
      const price = event.prices && event.prices[c] !== undefined ? ` - ${formatMoney(event.prices[c], event.currency)}` : "";
      return el("li", {}, swatch(palette.colours[i]), `${c}${price}`);
    });
    for (const k of ["held", "sold", "mine"]) items.push(el("li", {}, swatch(palette.colours[palette[k]]), palette.names[k]));
    items.push(el("li", {}, swatch(palette.colours[palette.selected], true), palette.names.selected));
    const counts = el("p", { class: "counts" });
    for (const [k, label] of [["free", "free"], ["held", "held"], ["sold", "sold"]]) {
      this.countCells[k] = el("strong", {}, "-");
      counts.append(this.countCells[k], ` ${label} `);
    }
    this.streamState = el("span", { class: "stream-state" }, "connecting");
    counts.append(this.streamState);
    legend.replaceChildren(el("ul", { class: "legend" }, ...items), counts);
  }

  buildSections(body, onFocusSection) {
    this.sectionFreeCells = this.model.sections.map((s, si) => {
      const free = el("td", { class: "num" }, "-");
      body.append(el("tr", {}, el("th", { scope: "row" }, s.name), el("td", { class: "num" }, s.count), free,
                     el("td", {}, el("button", { type: "button", onclick: () => onFocusSection(si), "aria-label": `Show ${s.name} on the map` }, "Show"))));
      return free;
    });
  }

  buildBestForm(form, onBestAvailable) {
    const select = form.querySelector("select[name=category]");
    const offered = this.model.categories.filter((c) => !this.event.prices || this.event.prices[c] !== undefined);
    this.categoryOptions = offered.map((c) => {
      const opt = el("option", { value: c }, c);
      select.append(opt);
      return opt;
    });
    const count = form.querySelector("input[name=count]");
    count.max = String(Math.min(64, this.event.per_account_limit || 64));
    // onsubmit, not addEventListener: the form outlives an event, its handler must not.
    form.onsubmit = (e) => {
      e.preventDefault();
      onBestAvailable(select.value, Number(count.value));
    };
  }

  update(counts, free) {
    this.countCells.free.textContent = counts[0].toLocaleString();
    this.countCells.held.textContent = counts[1].toLocaleString();
    this.countCells.sold.textContent = counts[2].toLocaleString();
    // Writing only changed cells keeps a 75 ms stream tick from rebuilding the table.
    free.bySection.forEach((n, si) => {
      const text = n.toLocaleString();
      if (this.sectionFreeCells[si].textContent !== text) this.sectionFreeCells[si].textContent = text;
    });
    this.categoryOptions.forEach((opt) => {
      const n = free.byCategory[this.model.categories.indexOf(opt.value)];
      const text = `${opt.value} (${n.toLocaleString()} free)`;
      if (opt.textContent !== text) opt.textContent = text;
    });
  }

  setStreamState(state) { this.streamState.textContent = state === "live" ? "live" : state; }
}
