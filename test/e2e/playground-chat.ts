// The Agents Playground's personal chat as an operator uses it: type into the compose box, read the
// Adaptive Cards it renders, press their buttons. Selectors are the playground's rendered DOM
// (the Lexical compose box, the adaptivecards library's `ac-*` classes).
import type { Locator, Page } from 'playwright-core';

// Functions passed to page.evaluate run inside Chromium; the project compiles without the DOM lib.
declare const document: any;
declare const window: any;
declare const MutationObserver: any;

/** The run card as it looked at one moment: its status label and its "x of y processed" progress. */
export interface RunCardState {
  status: string;
  processed: number;
  total: number;
}

/** Reads a run card's text ("Promotion run", status, ..., "3 of 5 processed (60%)") into its state. */
export function runCardState(text: string): RunCardState {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const progress = /(\d+) of (\d+) processed/.exec(text);
  return { status: lines[1] ?? '', processed: Number(progress?.[1] ?? NaN), total: Number(progress?.[2] ?? NaN) };
}

export class PlaygroundChat {
  constructor(readonly page: Page) {}

  /** Every Adaptive Card in the open conversation, oldest first. */
  get cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  /** The card whose text starts with `heading` (cards are replaced in place, so a heading names one stage of a flow). */
  card(heading: string): Locator {
    return this.cards.filter({ hasText: new RegExp(`^\\s*${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  }

  /** Opens the playground (personal chat is selected on load) and waits until it can be typed into. */
  async open(url: string): Promise<void> {
    await this.page.goto(url, { timeout: 60_000 });
    await this.composeBox().waitFor({ timeout: 60_000 });
    await this.page.getByText('Connected.', { exact: true }).waitFor({ timeout: 30_000 });
  }

  /** Types a message into the compose box and sends it with Enter, as a person would. */
  async say(text: string): Promise<void> {
    await this.composeBox().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Presses a card's button by its exact title. */
  async press(card: Locator, title: string): Promise<void> {
    await card.getByRole('button', { name: title, exact: true }).click();
  }

  /** A card's FactSet rows as title → value, in the order shown. */
  async facts(card: Locator): Promise<Record<string, string>> {
    const rows: [string, string][] = await card
      .locator('.ac-fact-title')
      .evaluateAll((titles: any[]) => titles.map((t) => [t.innerText.trim(), (t.nextElementSibling?.innerText ?? '').trim()]));
    return Object.fromEntries(rows);
  }

  /**
   * Starts recording every distinct text the live run card ("Promotion run" heading) shows, from inside
   * the page, so updates that replace each other within milliseconds are all seen.
   */
  async watchRunCard(): Promise<void> {
    await this.page.evaluate(() => {
      const seen: string[] = [];
      window.__runCardTexts = seen;
      const record = () => {
        for (const card of document.querySelectorAll('.ac-adaptiveCard')) {
          const text: string = card.innerText;
          if (/^Promotion run\n/.test(text) && seen[seen.length - 1] !== text) seen.push(text);
        }
      };
      new MutationObserver(record).observe(document.body, { childList: true, subtree: true, characterData: true });
      record();
    });
  }

  /** The run card's states recorded since watchRunCard, oldest first. */
  async runCardStates(): Promise<RunCardState[]> {
    const texts: string[] = await this.page.evaluate(() => [...(window.__runCardTexts ?? [])]);
    return texts.map(runCardState);
  }

  private composeBox(): Locator {
    return this.page.locator('[data-lexical-editor="true"][role="textbox"]');
  }
}
