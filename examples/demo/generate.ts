/**
 * Writes the sample help desk of `otai demo`: `tickets.json` (a seed for the test kit's fake Zendesk:
 * groups, users and tickets) and `expected.json` (the queue, priority and type each new ticket should get,
 * kept apart so the pipeline never sees it).
 *
 * The tickets come from hand-written phrase banks (English and German) and a seeded PRNG, so the output is
 * the same on every run. It was run once and its output is committed; run it again only after changing a
 * bank, and commit both files:
 *
 *   node examples/demo/generate.ts            # writes examples/demo/tickets.json and expected.json
 *   node examples/demo/generate.ts --check    # fails when the committed files differ from a fresh run
 *
 * The banks were written for this project; nothing here comes from a public ticket dataset.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Lang = "en" | "de";
type Queue = "Billing" | "Technical Support" | "Accounts & Access" | "Shipping & Returns" | "Sales";
type Priority = "low" | "normal" | "high" | "urgent";
type TicketType = "question" | "incident" | "problem" | "task";
type Weighted<T> = readonly (readonly [T, number])[];

interface Bank {
  /** Subjects that fit every opening of the intent. */
  subjects: readonly string[];
  /**
   * The first sentence(s), what the customer wants: `"Subject A|Subject B || Text"`, with the subjects
   * that fit this opening in particular (one of them is used 70% of the time, else a generic one).
   */
  openings: readonly string[];
  /** Extra context that fits every opening; zero to two are added. */
  details: readonly string[];
  /** Sentences that make this intent urgent or high in its own words (else a generic one is used). */
  pressing?: readonly string[];
}

interface Intent {
  key: string;
  queues: Weighted<Queue>;
  types: Weighted<TicketType>;
  priorities: Weighted<Priority>;
  en: Bank;
  de: Bank;
}

// ---------------------------------------------------------------------------------------------------
// Randomness: mulberry32, so every run writes the same bytes.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20261201);
const chance = (p: number): boolean => random() < p;
const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick from an empty bank");
  return item;
}

function weighted<T>(items: Weighted<T>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [item, w] of items) {
    r -= w;
    if (r < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new Error("weighted pick from an empty list");
  return last[0];
}

// ---------------------------------------------------------------------------------------------------
// Slots: `{name}` in a phrase is replaced by a value for the ticket's language.

const DEVICES = ["Dock D2", "Scanner S4", "LP-40 label printer", "Hub mini", "Hub Pro", "Pocket Scanner S2"];
const DEVICES_DE = ["Dock D2", "Scanner S4", "Etikettendrucker LP-40", "Hub mini", "Hub Pro", "Pocket Scanner S2"];
const PLANS = ["Starter", "Team", "Business", "Enterprise"];
const CARRIERS = ["DHL", "UPS", "DPD", "GLS", "FedEx", "Hermes"];
const INTEGRATIONS = ["Salesforce", "HubSpot", "Google Calendar", "Outlook", "Shopify", "Slack", "Pipedrive"];
const INTEGRATIONS_DE = ["DATEV", "Outlook", "Google Kalender", "Shopify", "Slack", "HubSpot", "lexoffice"];
const BROWSERS = ["Chrome", "Firefox", "Edge", "Safari"];
const OSES = ["Windows 11", "macOS 15", "iOS 19", "Android 16", "Ubuntu 24.04"];
const ERRORS = [
  "HTTP 500",
  "502 Bad Gateway",
  "503 Service Unavailable",
  "ERR_SYNC_TIMEOUT",
  "error E-1042",
  "ECONNRESET",
  "504 Gateway Timeout",
];
const MONTHS_EN = ["June", "July", "August", "September", "October", "November"];
const MONTHS_DE = ["Juni", "Juli", "August", "September", "Oktober", "November"];
const WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const WEEKDAYS_DE = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"];
const COMPANIES = [
  "Brightlane Logistics",
  "Oakridge Dental",
  "Pinecrest Studios",
  "Harbor & Finch",
  "Maple Row Bakery",
  "Bluegate Consulting",
  "Ironwood Tools",
  "Sundial Health",
];
const COMPANIES_DE = [
  "Bäckerei Lindner",
  "Kanzlei Roth & Partner",
  "Autohaus Becker",
  "Praxis Dr. Albers",
  "Stadtwerke Neuhagen",
  "Möbel Krämer GmbH",
  "Weingut Sommer",
  "Elektro Vogt KG",
];

function money(lang: Lang): string {
  const value = pick([19, 29, 49, 79, 99, 129, 149, 249, 299, 588, 1188, 2388]);
  const cents = pick(["00", "00", "00", "90", "50", "80"]);
  if (lang === "de") return `${value.toLocaleString("de-DE")},${cents} €`;
  return pick([`€${value.toLocaleString("en-US")}.${cents}`, `$${value.toLocaleString("en-US")}.${cents}`]);
}

function slot(name: string, lang: Lang): string {
  const de = lang === "de";
  switch (name) {
    case "device":
      return pick(de ? DEVICES_DE : DEVICES);
    case "plan":
      return pick(PLANS);
    case "carrier":
      return pick(CARRIERS);
    case "integration":
      return pick(de ? INTEGRATIONS_DE : INTEGRATIONS);
    case "browser":
      return pick(BROWSERS);
    case "os":
      return pick(OSES);
    case "error":
      return pick(ERRORS);
    case "company":
      return pick(de ? COMPANIES_DE : COMPANIES);
    case "order":
      return `FH-${int(204000, 289999)}`;
    case "invoice":
      return `INV-2026-${int(10000, 19999)}`;
    case "amount":
      return money(lang);
    case "n":
      return String(pick([3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50]));
    case "month":
      return pick(de ? MONTHS_DE : MONTHS_EN);
    case "weekday":
      return pick(de ? WEEKDAYS_DE : WEEKDAYS_EN);
    case "date":
      return de ? `${int(1, 28)}. ${pick(MONTHS_DE)}` : `${pick(MONTHS_EN)} ${int(1, 28)}`;
    case "days":
      return String(int(3, 14));
    case "code":
      return String(int(100000, 999999));
    default:
      throw new Error(`unknown slot {${name}}`);
  }
}

/** The values of one ticket's slots: a subject and its body name the same order, amount and error. */
let ticketSlots = new Map<string, string>();

function fill(text: string, lang: Lang): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const known = ticketSlots.get(name);
    if (known !== undefined) return known;
    const value = slot(name, lang);
    ticketSlots.set(name, value);
    return value;
  });
}

// ---------------------------------------------------------------------------------------------------
// Phrase banks, one intent each. Product names are fictional: "Fernhill Cloud" (the web app), the Fernhill
// app (mobile) and Fernhill devices (docks, scanners, label printers) that ship from the Fernhill shop.

const INTENTS: readonly Intent[] = [
  // --- Billing ---------------------------------------------------------------------------------------
  {
    key: "double-charge",
    queues: [["Billing", 1]],
    types: [
      ["incident", 3],
      ["problem", 2],
      ["question", 1],
    ],
    priorities: [
      ["normal", 5],
      ["high", 4],
      ["urgent", 1],
    ],
    en: {
      subjects: [
        "Charged twice",
        "Double charge",
        "Why was I billed two times?",
        "duplicate payment",
        "Billed twice this month",
      ],
      openings: [
        "Double charge for {invoice}|Charged twice for {invoice} || My credit card was charged twice for {invoice}, both times {amount}.",
        "Two identical charges on our card || I see two identical charges of {amount} on our company card from {date}.",
        "Billed twice for the {plan} plan || We were billed twice for the {plan} subscription this month.",
        "Same payment taken two times || Our bank statement shows the same payment of {amount} two times, one day apart.",
        "Renewal charged twice|renewal went through twice || It looks like the renewal went through twice - two debits of {amount} on {date}.",
      ],
      details: [
        "We only have one workspace, so this must be a mistake.",
        "Please refund the second payment to the same card.",
        "Our accountant noticed it during the monthly reconciliation.",
        "There is only one invoice for it in the billing page.",
        "I attached a screenshot of the statement.",
      ],
      pressing: [
        "This pushed our card over its limit, so please refund it today.",
        "Our finance team closes the books on Friday and needs this reversed before then.",
      ],
    },
    de: {
      subjects: ["Doppelte Abbuchung", "Zweimal abgebucht", "doppelte Zahlung", "Doppelt berechnet"],
      openings: [
        "Betrag doppelt belastet - {invoice}|{invoice} zweimal abgebucht || Uns wurde der Betrag von {amount} für {invoice} zweimal abgebucht.",
        "Zwei gleiche Belastungen auf der Kreditkarte || Auf unserer Kreditkarte sehe ich zwei identische Belastungen vom {date}.",
        "{plan}-Abo doppelt berechnet|Abo zweimal berechnet || Das {plan}-Abo wurde diesen Monat doppelt berechnet.",
        "Verlängerung zweimal eingezogen || Laut Kontoauszug wurde die Verlängerung zweimal eingezogen, jeweils {amount}.",
        "Zwei Lastschriften für denselben Zeitraum || Wir haben für denselben Zeitraum zwei Lastschriften über {amount} erhalten.",
      ],
      details: [
        "Bitte erstatten Sie die zweite Zahlung auf dasselbe Konto.",
        "Wir haben nur einen Account, das muss ein Fehler sein.",
        "Unsere Buchhaltung ist beim Monatsabschluss darauf gestoßen.",
        "Im Kundenkonto gibt es dafür nur eine Rechnung.",
      ],
      pressing: [
        "Das Konto ist dadurch im Minus, bitte heute noch zurückbuchen.",
        "Wir brauchen die Gutschrift dringend vor dem Monatsabschluss.",
      ],
    },
  },
  {
    key: "invoice-wrong",
    queues: [["Billing", 1]],
    types: [
      ["question", 3],
      ["problem", 2],
      ["task", 2],
    ],
    priorities: [
      ["low", 2],
      ["normal", 6],
      ["high", 2],
    ],
    en: {
      subjects: ["Question about our invoice", "Invoice correction", "Problem with invoice", "invoice issue"],
      openings: [
        "Wrong address on invoice {invoice}|Old address on invoice || The invoice {invoice} still has our old address on it.",
        "Invoice shows wrong company name|Company name on invoice || Our latest invoice is addressed to {company}, but our legal name changed in {month}.",
        "Invoice amount does not match our quote|{invoice} higher than quoted || Invoice {invoice} says {amount}, but the quote we signed was lower.",
        "Copy of last invoice please|Invoice for {month} missing || Could you send me a copy of the invoice for {month}? I can't find it on the billing page.",
        "Please add PO number to invoices|PO number on invoices || Our procurement team needs our PO number printed on every invoice.",
        "Too many seats on invoice|Invoice seat count wrong || I think the invoice for {month} has too many seats on it - we have {n} users, not more.",
      ],
      details: [
        "Our auditors will not accept it as it is.",
        "Our PO number is 4500{code}.",
        "A PDF by email is fine.",
        "We updated the billing details in the settings a while ago.",
      ],
      pressing: ["Our auditors need the corrected invoice by tomorrow."],
    },
    de: {
      subjects: ["Frage zur Rechnung", "Rechnungskorrektur", "Rechnung stimmt nicht", "Problem mit Rechnung"],
      openings: [
        "Rechnung mit falscher Adresse|Alte Anschrift auf {invoice} || Auf der Rechnung {invoice} steht noch unsere alte Anschrift.",
        "Firmenname auf der Rechnung falsch || Die Rechnung ist an {company} adressiert, unser Firmenname hat sich aber im {month} geändert.",
        "Kopie der Rechnung {month}|Rechnung {month} fehlt || Können Sie mir die Rechnung für {month} noch einmal schicken? Im Kundenkonto finde ich sie nicht.",
        "Betrag passt nicht zum Angebot || Der Betrag auf {invoice} ({amount}) passt nicht zu unserem Angebot.",
        "Bestellnummer auf Rechnung ergänzen || Wir brauchen auf jeder Rechnung unsere Bestellnummer, sonst kann die Buchhaltung nicht zahlen.",
      ],
      details: [
        "Ein PDF per E-Mail reicht völlig.",
        "Unsere Bestellnummer lautet 4500{code}.",
        "Die Rechnungsdaten im Portal haben wir schon vor einer Weile aktualisiert.",
      ],
      pressing: ["Der Steuerberater braucht die korrigierte Rechnung bis morgen."],
    },
  },
  {
    key: "refund",
    queues: [["Billing", 1]],
    types: [
      ["task", 3],
      ["question", 2],
    ],
    priorities: [
      ["low", 2],
      ["normal", 6],
      ["high", 2],
    ],
    en: {
      subjects: ["Refund request", "Refund", "Question about a refund", "money back please"],
      openings: [
        "Refund for unused months|Cancel and refund please || We cancelled our {plan} subscription on {date} and would like a refund for the unused months.",
        "Where is my refund?|Refund not received yet || I was promised a refund of {amount} two weeks ago, but nothing has arrived on my card.",
        "Accidental annual renewal || We accidentally renewed the annual plan and want to get the {amount} back.",
        "Trial turned into paid plan || Our trial converted into a paid plan even though we never used it. Can we get a refund?",
        "Status of refund for {invoice} || Could you tell me the status of the refund for {invoice}?",
      ],
      details: [
        "Please send the money back to the original payment method.",
        "We do not need a credit note, a refund is preferred.",
        "Our account number is {code}.",
      ],
    },
    de: {
      subjects: ["Erstattung", "Rückerstattung", "Frage zur Erstattung", "Geld zurück"],
      openings: [
        "Kündigung und Erstattung|Erstattung ungenutzter Monate || Wir haben das {plan}-Abo zum {date} gekündigt und bitten um Erstattung der ungenutzten Monate.",
        "Rückerstattung noch nicht erhalten|Wo bleibt meine Gutschrift? || Mir wurde vor zwei Wochen eine Erstattung über {amount} zugesagt, angekommen ist noch nichts.",
        "Jahresabo versehentlich verlängert || Das Jahresabo wurde versehentlich verlängert, wir möchten die {amount} zurück.",
        "Testphase ungewollt bezahlt || Unsere Testphase wurde automatisch in ein bezahltes Abo umgewandelt. Ist eine Rückerstattung möglich?",
        "Stand der Erstattung {invoice} || Wie ist der Stand der Erstattung zu {invoice}?",
      ],
      details: ["Bitte auf das ursprüngliche Zahlungsmittel zurücküberweisen.", "Unsere Kundennummer ist {code}."],
    },
  },
  {
    key: "vat",
    queues: [["Billing", 1]],
    types: [
      ["question", 4],
      ["task", 2],
    ],
    priorities: [
      ["low", 4],
      ["normal", 5],
      ["high", 1],
    ],
    en: {
      subjects: ["Question about VAT", "VAT on our invoices", "VAT question"],
      openings: [
        "Reverse charge for EU company|Why are we charged VAT? || We are a company in the Netherlands and should not be charged VAT under reverse charge.",
        "VAT number missing on invoice|Add our VAT ID || Our VAT ID NL8{code}B01 is not shown on the invoices, can you add it?",
        "19% VAT charged by mistake || The last invoice added 19% VAT although we entered our VAT number at checkout.",
        "VAT rate for Austria || Which VAT rate do you apply for customers in Austria?",
        "Are prices incl. VAT? || Can you confirm whether the prices on your website include VAT?",
      ],
      details: ["Our accountant asked me to check this.", "We are billed in euros."],
    },
    de: {
      subjects: ["Frage zur Umsatzsteuer", "Mehrwertsteuer auf Rechnung", "Frage zur MwSt."],
      openings: [
        "USt-IdNr. fehlt auf Rechnung || Auf unseren Rechnungen fehlt die Umsatzsteuer-Identifikationsnummer.",
        "Umsatzsteuer falsch berechnet|Reverse-Charge-Verfahren || Wir sind ein österreichisches Unternehmen, trotzdem wurden 19 % MwSt. berechnet.",
        "Preise netto oder brutto? || Sind die Preise auf Ihrer Website netto oder brutto?",
        "USt-IdNr. hinterlegen|Steuernummer hinterlegen || Bitte hinterlegen Sie unsere USt-IdNr. DE{code}123 für alle künftigen Rechnungen.",
        "Keine Umsatzsteuer auf {invoice} || Die Rechnung {invoice} weist keine Umsatzsteuer aus, ist das korrekt?",
      ],
      details: ["Unser Steuerberater hat uns darauf hingewiesen.", "Wir werden in Euro abgerechnet."],
    },
  },
  {
    key: "card-declined",
    queues: [["Billing", 1]],
    types: [
      ["problem", 3],
      ["incident", 2],
      ["question", 1],
    ],
    priorities: [
      ["normal", 5],
      ["high", 4],
      ["urgent", 2],
    ],
    en: {
      subjects: ["Payment problem", "Problem with our payment", "payment issue"],
      openings: [
        "Card declined at renewal|Payment failed || Our card was declined when the subscription renewed, but the bank says the card is fine.",
        "Can't update credit card|New card not accepted || I'm trying to enter a new credit card and the form says 'payment method could not be verified'.",
        "Account will be suspended?|Payment failed email || We got an email that our payment failed and the account will be suspended in {days} days.",
        "Switch to SEPA direct debit|Pay by bank transfer? || Can we pay by SEPA direct debit or bank transfer instead of credit card?",
        "Company card rejected at checkout|payment keeps failing || The checkout page rejects our company Visa card every time, with no reason given.",
      ],
      details: [
        "The card has enough limit and works everywhere else.",
        "Please don't suspend the account while we sort this out.",
        "Our old card expired last month.",
      ],
      pressing: [
        "The account has been suspended and my team can't work, please reactivate it now.",
        "If the account gets suspended tomorrow our whole shop stops.",
      ],
    },
    de: {
      subjects: ["Problem mit der Zahlung", "Zahlungsproblem", "Frage zur Zahlung"],
      openings: [
        "Kreditkarte abgelehnt|Zahlung fehlgeschlagen || Bei der Verlängerung wurde unsere Kreditkarte abgelehnt, laut Bank ist aber alles in Ordnung.",
        "Neue Karte wird nicht angenommen || Ich möchte eine neue Karte hinterlegen, bekomme aber immer die Meldung 'Zahlungsmittel konnte nicht geprüft werden'.",
        "Konto wird gesperrt?|Mail wegen fehlgeschlagener Zahlung || Wir haben eine Mail bekommen, dass die Zahlung fehlgeschlagen ist und das Konto in {days} Tagen gesperrt wird.",
        "Umstellung auf Lastschrift|Zahlungsart ändern || Können wir statt Kreditkarte per SEPA-Lastschrift oder Überweisung zahlen?",
      ],
      details: [
        "Die Karte funktioniert überall sonst problemlos.",
        "Bitte das Konto nicht sperren, solange wir das klären.",
      ],
      pressing: [
        "Das Konto ist bereits gesperrt und das ganze Team kann nicht arbeiten, bitte sofort freischalten.",
        "Wenn das Konto morgen gesperrt wird, steht unser Onlineshop still.",
      ],
    },
  },
  {
    key: "cancel",
    queues: [
      ["Billing", 2],
      ["Sales", 1],
    ],
    types: [
      ["task", 4],
      ["question", 2],
    ],
    priorities: [
      ["low", 2],
      ["normal", 6],
      ["high", 1],
    ],
    en: {
      subjects: ["Cancellation", "Cancel subscription", "Ending our contract"],
      openings: [
        "Cancel at end of term|Please cancel our plan || Please cancel our {plan} subscription at the end of the current term.",
        "How do I cancel? || How can we cancel? I don't see the option in the account settings.",
        "Notice period for cancellation? || What is the notice period if we want to stop using Fernhill Cloud after {month}?",
        "Confirm cancellation || We sent a cancellation last month but never got a confirmation.",
      ],
      details: ["Our contract number is {code}.", "We are moving to a different system.", "Please confirm in writing."],
    },
    de: {
      subjects: ["Kündigung", "Abo kündigen", "Vertrag beenden"],
      openings: [
        "Kündigung zum Laufzeitende || Hiermit kündigen wir unser {plan}-Abo zum Ende der Laufzeit.",
        "Wie kann ich kündigen? || Wie können wir kündigen? In den Kontoeinstellungen finde ich keine Option.",
        "Kündigungsfrist? || Welche Kündigungsfrist gilt, wenn wir Fernhill Cloud nach dem {month} nicht mehr nutzen wollen?",
        "Kündigungsbestätigung fehlt || Wir haben letzten Monat gekündigt, aber nie eine Bestätigung bekommen.",
      ],
      details: ["Unsere Vertragsnummer ist {code}.", "Bitte bestätigen Sie die Kündigung schriftlich."],
    },
  },
  {
    key: "billing-access",
    queues: [
      ["Accounts & Access", 1],
      ["Billing", 1],
    ],
    types: [
      ["problem", 2],
      ["question", 2],
      ["task", 1],
    ],
    priorities: [
      ["low", 2],
      ["normal", 6],
      ["high", 1],
    ],
    en: {
      subjects: ["Access to billing", "Billing page access"],
      openings: [
        "Can't see the billing page || I'm an admin but the billing page says I don't have permission.",
        "Give our accountant access to invoices? || Can our external accountant get access to the invoices without a full user seat?",
        "Billing emails go to old colleague || All billing emails still go to a colleague who left, please send them to me instead.",
      ],
      details: ["Our workspace is {company}.", "The owner account belongs to our CEO."],
    },
    de: {
      subjects: ["Zugriff auf Abrechnung", "Rechte für die Abrechnung"],
      openings: [
        "Keine Berechtigung für Abrechnung || Ich bin Admin, sehe aber bei der Abrechnung nur 'keine Berechtigung'.",
        "Zugang für Steuerberater? || Kann unser Steuerberater die Rechnungen sehen, ohne eine volle Lizenz zu belegen?",
        "Rechnungsmails an ehemalige Kollegin || Die Rechnungsmails gehen noch an eine ehemalige Kollegin, bitte künftig an mich.",
      ],
      details: ["Unser Konto läuft auf {company}."],
    },
  },
  // --- Technical Support -----------------------------------------------------------------------------
  {
    key: "outage",
    queues: [["Technical Support", 1]],
    types: [
      ["incident", 5],
      ["problem", 1],
    ],
    priorities: [
      ["urgent", 6],
      ["high", 4],
    ],
    en: {
      subjects: ["Fernhill Cloud is down", "OUTAGE", "Production down!!", "Service unavailable", "Everything down?"],
      openings: [
        "Unreachable for all users|nothing loads || Fernhill Cloud has been unreachable for all of our {n} users since {weekday} morning.",
        "Web app returns {error}|{error} on every page || Every page in the web app returns {error} for us since about 8:40.",
        "Dashboard not loading for the whole company || Our whole team is stuck - the dashboard just spins and then shows {error}.",
        "API and web app down, status page green || The API and the web app are both down for us, the status page says everything is operational.",
        "Stores cannot print labels || None of our stores can print labels because Fernhill Cloud is not responding.",
      ],
      details: [
        "We tried different networks and browsers, same result.",
        "Colleagues in other offices see the same thing.",
        "Nothing changed on our side.",
        "Please post an update as soon as you know more.",
      ],
      pressing: [
        "This is a complete production outage for us.",
        "Nobody can work right now, please escalate.",
        "We are losing orders every minute this is down.",
      ],
    },
    de: {
      subjects: ["Fernhill Cloud nicht erreichbar", "STÖRUNG", "System down", "Totalausfall"],
      openings: [
        "Seit heute Morgen nicht erreichbar || Fernhill Cloud ist seit heute Morgen für alle {n} Mitarbeiter nicht erreichbar.",
        "Fehler {error} bei allen Nutzern || Jede Seite der Web-App liefert seit ca. 8:30 Uhr {error}.",
        "Dashboard lädt endlos || Das gesamte Team kommt nicht weiter, das Dashboard lädt endlos.",
        "Plattform komplett ausgefallen || Web-App und API sind bei uns komplett ausgefallen, die Statusseite zeigt aber alles grün.",
        "Filialen können nicht drucken || Keine unserer Filialen kann Etiketten drucken, weil die Cloud nicht antwortet.",
      ],
      details: [
        "Wir haben verschiedene Netze und Browser getestet.",
        "Auf unserer Seite wurde nichts geändert.",
        "Kollegen an anderen Standorten haben dasselbe Problem.",
      ],
      pressing: [
        "Das ist ein kompletter Produktionsausfall, niemand kann arbeiten.",
        "Bitte sofort eskalieren, der Betrieb steht still.",
      ],
    },
  },
  {
    key: "app-crash",
    queues: [["Technical Support", 1]],
    types: [
      ["problem", 4],
      ["incident", 2],
    ],
    priorities: [
      ["low", 1],
      ["normal", 5],
      ["high", 3],
      ["urgent", 2],
    ],
    en: {
      subjects: ["App crashes", "Fernhill app keeps crashing", "crash", "App not working after update"],
      openings: [
        "App crashes on startup|Crash after splash screen || Since the last update the Fernhill app crashes right after the splash screen on {os}.",
        "Crash when opening reports|Reports tab freezes || Every time I open the reports tab the app freezes and then closes.",
        "Crash when scanning barcodes || The app crashes as soon as I scan a barcode with the {device}.",
        "Desktop app won't start after update || After updating to the newest version the desktop app won't start anymore on {os}.",
        "Mobile app closes when uploading photos || The mobile app quits without an error message when I try to upload a photo.",
      ],
      details: [
        "I already reinstalled it twice.",
        "It worked fine until {weekday}.",
        "A colleague has the same issue.",
        "I can send you the crash log if that helps.",
      ],
      pressing: ["Our warehouse staff can't do their work without the app, so this is blocking us."],
    },
    de: {
      subjects: ["App stürzt ab", "Absturz der Fernhill App", "App hängt sich auf"],
      openings: [
        "App stürzt beim Start ab || Seit dem letzten Update stürzt die App unter {os} direkt nach dem Start ab.",
        "Absturz beim Öffnen der Berichte || Sobald ich den Bereich Berichte öffne, friert die App ein und schließt sich.",
        "App schließt sich beim Scannen || Beim Scannen mit dem {device} stürzt die App jedes Mal ab.",
        "Desktop-App startet nach Update nicht || Nach dem Update auf die neueste Version startet die Desktop-App nicht mehr.",
      ],
      details: [
        "Neu installiert habe ich sie schon zweimal.",
        "Bis {weekday} hat alles funktioniert.",
        "Bei einem Kollegen tritt das gleiche Problem auf.",
        "Das Absturzprotokoll kann ich gern schicken.",
      ],
      pressing: ["Ohne die App kann unser Lager nicht arbeiten, das blockiert uns komplett."],
    },
  },
  {
    key: "api-error",
    queues: [["Technical Support", 1]],
    types: [
      ["incident", 3],
      ["problem", 3],
      ["question", 1],
    ],
    priorities: [
      ["normal", 4],
      ["high", 4],
      ["urgent", 3],
    ],
    en: {
      subjects: ["API problem", "Integration failing", "API errors", "Problem with the REST API"],
      openings: [
        "API returns {error}|/v2/orders failing since midnight || Our integration calls to /v2/orders started failing with {error} around midnight.",
        "Webhooks stopped arriving|No webhooks since {date} || We no longer receive any webhooks for new orders, the last one came in on {date}.",
        "429 rate limit on orders endpoint || The API keeps answering 429 even though we send far fewer requests than the documented limit.",
        "API token rejected with 401 || Our API token suddenly returns 401 Unauthorized, nobody regenerated it.",
        "Export endpoint times out || About a third of our requests to the export endpoint time out after 30 seconds.",
      ],
      details: [
        "Request id from the response header: req_{code}.",
        "We did not deploy anything on our side.",
        "It started without any change on our end.",
      ],
      pressing: [
        "Our checkout depends on this, so production is affected.",
        "Orders are not syncing to our warehouse, this is critical.",
      ],
    },
    de: {
      subjects: ["Problem mit der API", "Fehler bei der Schnittstelle", "API-Fehler"],
      openings: [
        "API liefert {error} || Seit heute Nacht schlagen unsere Aufrufe an /v2/orders mit {error} fehl.",
        "Webhooks kommen nicht mehr an || Wir bekommen keine Webhooks mehr für neue Bestellungen, der letzte kam am {date}.",
        "Ständig 429 von der API || Die API antwortet ständig mit 429, obwohl wir weit unter dem Limit liegen.",
        "API-Token wird abgelehnt || Unser API-Token wird plötzlich mit 401 abgelehnt, geändert hat ihn niemand.",
        "Zeitüberschreitung beim Export-Endpunkt || Etwa jede dritte Anfrage an den Export-Endpunkt bricht nach 30 Sekunden ab.",
      ],
      details: ["Request-ID aus dem Header: req_{code}.", "Bei uns wurde nichts deployt."],
      pressing: [
        "Unser Bestellprozess hängt daran, die Produktion ist betroffen.",
        "Die Bestellungen kommen nicht ins Lager, das ist kritisch.",
      ],
    },
  },
  {
    key: "sync",
    queues: [["Technical Support", 1]],
    types: [
      ["problem", 4],
      ["question", 1],
    ],
    priorities: [
      ["low", 1],
      ["normal", 6],
      ["high", 2],
    ],
    en: {
      subjects: ["Sync not working", "Sync problem", "Data not syncing"],
      openings: [
        "{integration} sync not working|Nothing synced since {weekday} || The {integration} connection shows 'connected' but no new records have synced since {weekday}.",
        "Duplicates after every sync|{integration} creates duplicates || Every sync with {integration} creates duplicates of the same entries.",
        "Sync stuck at 0% || The sync has been stuck at 0% for two days now.",
        "Records missing after sync || Some of our customer records disappeared after the last sync with {integration}.",
        "Mobile changes not showing in web app || Changes made in the mobile app don't show up in the web app until the next day.",
      ],
      details: [
        "I disconnected and reconnected the integration already.",
        "The sync log only says {error}.",
        "It affects roughly {n} records.",
      ],
      pressing: ["This is blocking our team, please help asap."],
    },
    de: {
      subjects: ["Synchronisierung funktioniert nicht", "Problem beim Abgleich", "Sync-Problem"],
      openings: [
        "Synchronisierung mit {integration} funktioniert nicht || Die Verbindung zu {integration} steht auf 'verbunden', aber seit {weekday} wurde nichts mehr synchronisiert.",
        "Doppelte Einträge nach Abgleich || Jeder Abgleich mit {integration} erzeugt doppelte Einträge.",
        "Sync hängt bei 0 % || Die Synchronisierung hängt seit zwei Tagen bei 0 %.",
        "Daten nach Abgleich verschwunden || Nach dem letzten Abgleich mit {integration} fehlen einige Kundendaten.",
      ],
      details: [
        "Ich habe die Integration schon getrennt und neu verbunden.",
        "Im Sync-Protokoll steht nur {error}.",
        "Betroffen sind etwa {n} Datensätze.",
      ],
      pressing: ["Das blockiert gerade unser Team, bitte schnell helfen."],
    },
  },
  {
    key: "performance",
    queues: [["Technical Support", 1]],
    types: [
      ["problem", 4],
      ["incident", 1],
    ],
    priorities: [
      ["low", 1],
      ["normal", 5],
      ["high", 3],
    ],
    en: {
      subjects: ["Very slow since yesterday", "Performance issues", "everything is slow"],
      openings: [
        "Order list takes a minute to load || Loading the order list takes more than a minute since yesterday.",
        "Web app extremely slow || The web app has become really slow for us, every click takes several seconds.",
        "Reports take forever to load || Generating the monthly report now takes over ten minutes, it used to be a few seconds.",
        "Search is super slow in {browser} || Search results in {browser} take ages to appear, other sites are fast.",
      ],
      details: [
        "Our internet connection is fine.",
        "It is worst between 9 and 11 in the morning.",
        "We have about {n} users working in it at the same time.",
        "Clearing the cache did not change anything.",
      ],
      pressing: ["The whole team is slowed down, this is blocking our daily work."],
    },
    de: {
      subjects: ["System sehr langsam", "Performance-Probleme", "alles langsam"],
      openings: [
        "Auftragsliste lädt ewig || Seit gestern dauert das Laden der Auftragsliste über eine Minute.",
        "Ladezeiten extrem hoch || Die Web-App ist bei uns extrem langsam geworden, jeder Klick dauert Sekunden.",
        "Berichte laden ewig || Der Monatsbericht braucht jetzt über zehn Minuten, früher waren es Sekunden.",
        "Suche sehr langsam || Die Suche in {browser} braucht ewig, andere Seiten laden normal.",
      ],
      details: [
        "Unsere Internetleitung ist in Ordnung.",
        "Am schlimmsten ist es vormittags.",
        "Cache leeren hat nichts geändert.",
      ],
      pressing: ["Das ganze Team wird ausgebremst, so können wir kaum arbeiten."],
    },
  },
  {
    key: "how-to",
    queues: [["Technical Support", 1]],
    types: [
      ["question", 5],
      ["task", 1],
    ],
    priorities: [
      ["low", 5],
      ["normal", 5],
    ],
    en: {
      subjects: ["Quick question", "How do I do this?", "Question about a feature", "how to"],
      openings: [
        "How do I export orders to CSV? || How can I export all orders from {month} as a CSV file?",
        "Set up the {device}|Guide for the {device}? || I'd like to set up the {device} with Fernhill Cloud. Is there a guide?",
        "Question about custom fields || Is it possible to add a custom field to the customer form?",
        "How to connect {integration}? || What is the best way to connect {integration} to our workspace?",
        "Change label size on the LP-40 || Can I change the label size the LP-40 prints?",
        "Scheduled reports by email? || Can we schedule reports to be emailed every Monday?",
      ],
      details: [
        "I couldn't find it in the help center.",
        "We are on the {plan} plan, in case that matters.",
        "A link to the right article would be enough.",
      ],
    },
    de: {
      subjects: ["Kurze Frage", "Wie geht das?", "Frage zu einer Funktion"],
      openings: [
        "Wie exportiere ich Aufträge? || Wie kann ich alle Aufträge aus dem {month} als CSV exportieren?",
        "{device} einrichten|Anleitung für {device}? || Ich möchte den {device} mit Fernhill Cloud verbinden. Gibt es dafür eine Anleitung?",
        "Frage zu benutzerdefinierten Feldern || Kann man im Kundenformular ein eigenes Feld hinzufügen?",
        "{integration} anbinden - wie? || Wie binden wir {integration} am besten an unser Konto an?",
        "Berichte automatisch versenden || Lassen sich Berichte jeden Montag automatisch per Mail verschicken?",
      ],
      details: [
        "Im Hilfe-Center habe ich nichts gefunden.",
        "Wir nutzen den {plan}-Tarif.",
        "Ein Link zur passenden Anleitung reicht mir.",
      ],
    },
  },
  {
    key: "device-defect",
    queues: [
      ["Technical Support", 3],
      ["Shipping & Returns", 2],
    ],
    types: [
      ["problem", 4],
      ["incident", 1],
    ],
    priorities: [
      ["normal", 6],
      ["high", 3],
    ],
    en: {
      subjects: ["Device stopped working", "Hardware problem", "device defective?"],
      openings: [
        "{device} not turning on|{device} dead || Our {device} stopped working this week, the status light stays off.",
        "Label printer prints blank labels || The LP-40 feeds the labels but they come out completely blank.",
        "{device} does not pair anymore|Bluetooth pairing fails || The {device} no longer pairs with any phone, it worked for three months.",
        "Dock D2 not charging || The Dock D2 doesn't charge the scanner anymore, we tried another cable.",
      ],
      details: [
        "We bought it in {month}, so it should still be under warranty.",
        "Firmware is up to date.",
        "Should we send it back for repair or is there a reset?",
      ],
    },
    de: {
      subjects: ["Gerät defekt", "Problem mit der Hardware", "Gerät funktioniert nicht mehr"],
      openings: [
        "{device} geht nicht mehr an || Unser {device} funktioniert seit dieser Woche nicht mehr, die Statusleuchte bleibt aus.",
        "Etikettendrucker druckt leere Etiketten || Der LP-40 zieht die Etiketten ein, aber sie kommen leer heraus.",
        "{device} verbindet sich nicht || Der {device} lässt sich mit keinem Handy mehr koppeln.",
        "Dock D2 lädt nicht || Das Dock D2 lädt den Scanner nicht mehr, ein anderes Kabel haben wir probiert.",
      ],
      details: [
        "Gekauft haben wir das Gerät im {month}, es sollte also noch Garantie haben.",
        "Die Firmware ist aktuell.",
        "Sollen wir das Gerät einschicken oder gibt es einen Reset?",
      ],
    },
  },
  {
    key: "invoice-export-bug",
    queues: [
      ["Technical Support", 3],
      ["Billing", 2],
    ],
    types: [["problem", 1]],
    priorities: [
      ["normal", 6],
      ["high", 2],
      ["low", 1],
    ],
    en: {
      subjects: ["Billing page problem", "Invoices not loading"],
      openings: [
        "Can't download invoice PDF|Invoice download gives {error} || When I click 'Download PDF' on the billing page I get {error}.",
        "Invoices page is empty || The invoices page in the admin area is empty, although we have paid every month.",
        "Invoice PDF is blank || The invoice PDF opens but is completely blank in {browser}.",
      ],
      details: ["It used to work last month.", "I tried another browser too.", "We need the PDFs for our bookkeeping."],
    },
    de: {
      subjects: ["Problem auf der Abrechnungsseite", "Rechnungen laden nicht"],
      openings: [
        "Rechnungs-PDF lässt sich nicht herunterladen || Beim Klick auf 'PDF herunterladen' in der Abrechnung erscheint {error}.",
        "Rechnungen werden nicht angezeigt || Die Rechnungsübersicht im Adminbereich ist leer, obwohl wir jeden Monat bezahlt haben.",
        "Rechnungs-PDF ist leer || Das Rechnungs-PDF öffnet sich, ist aber komplett leer.",
      ],
      details: ["Letzten Monat ging es noch.", "Wir brauchen die PDFs für die Buchhaltung."],
    },
  },
  // --- Accounts & Access -----------------------------------------------------------------------------
  {
    key: "login",
    queues: [["Accounts & Access", 1]],
    types: [
      ["problem", 4],
      ["incident", 1],
      ["question", 1],
    ],
    priorities: [
      ["normal", 5],
      ["high", 3],
      ["urgent", 1],
      ["low", 1],
    ],
    en: {
      subjects: ["Can't log in", "Login not working", "cannot sign in anymore", "Login problem"],
      openings: [
        "'Invalid credentials' but password is correct || I can't log in to Fernhill Cloud, it says my credentials are invalid although I'm sure the password is right.",
        "Account locked|Locked out of my account || My account got locked after a few login attempts this morning.",
        "Login page keeps reloading || When I sign in, the page just reloads and I end up on the login screen again.",
        "Employee account deactivated? || One of our employees can't access her account anymore, the error says 'user deactivated'.",
        "Can't sign in after email change || Since changing my email address I can no longer sign in.",
      ],
      details: [
        "I tried {browser} and the mobile app.",
        "Incognito mode doesn't help.",
        "Other people on the team can log in fine.",
      ],
      pressing: ["I have a customer presentation in an hour and need access now."],
    },
    de: {
      subjects: [
        "Login funktioniert nicht",
        "Kann mich nicht anmelden",
        "Anmeldung nicht möglich",
        "Problem beim Login",
      ],
      openings: [
        "Zugangsdaten angeblich falsch || Ich kann mich nicht mehr anmelden, angeblich sind die Zugangsdaten falsch, das Passwort stimmt aber.",
        "Konto gesperrt|Zugang gesperrt || Mein Konto wurde heute Morgen nach ein paar Anmeldeversuchen gesperrt.",
        "Login-Seite lädt immer neu || Nach dem Login lädt die Seite neu und ich lande wieder auf der Anmeldeseite.",
        "Benutzer deaktiviert? || Eine Mitarbeiterin kommt nicht mehr in ihr Konto, die Meldung lautet 'Benutzer deaktiviert'.",
        "Kein Login nach E-Mail-Änderung || Seit ich meine E-Mail-Adresse geändert habe, komme ich nicht mehr rein.",
      ],
      details: [
        "Ich habe {browser} und die App probiert.",
        "Im privaten Fenster geht es auch nicht.",
        "Die Kollegen können sich normal anmelden.",
      ],
      pressing: ["Ich habe gleich einen Kundentermin und brauche sofort Zugriff."],
    },
  },
  {
    key: "password-reset",
    queues: [["Accounts & Access", 1]],
    types: [
      ["problem", 3],
      ["question", 2],
    ],
    priorities: [
      ["low", 2],
      ["normal", 6],
      ["high", 2],
    ],
    en: {
      subjects: ["Password reset", "pw reset", "Problem with my password"],
      openings: [
        "Password reset email not arriving || I requested a password reset three times but never got the email.",
        "Reset link expired|Forgot my password || I forgot my password and the reset link says it has expired, even when I click it right away.",
        "New password not accepted || After setting a new password I still get 'incorrect password'.",
        "Reset password for former colleague || How can I reset the password for a colleague who left the company?",
      ],
      details: ["I checked the spam folder.", "I'm the admin of our workspace."],
    },
    de: {
      subjects: ["Passwort zurücksetzen", "Problem mit dem Passwort", "Passwort"],
      openings: [
        "Passwort-Mail kommt nicht an || Ich habe dreimal ein neues Passwort angefordert, die Mail kommt aber nie an.",
        "Passwort vergessen|Link zum Zurücksetzen abgelaufen || Ich habe mein Passwort vergessen, der Link ist angeblich abgelaufen, obwohl ich ihn sofort anklicke.",
        "Neues Passwort wird nicht akzeptiert || Nach dem Setzen des neuen Passworts heißt es weiterhin 'Passwort falsch'.",
        "Passwort eines ehemaligen Kollegen || Wie setze ich das Passwort eines Kollegen zurück, der nicht mehr bei uns ist?",
      ],
      details: ["Im Spam-Ordner ist auch nichts.", "Ich bin Administrator unseres Kontos."],
    },
  },
  {
    key: "two-factor",
    queues: [["Accounts & Access", 1]],
    types: [
      ["problem", 3],
      ["question", 1],
      ["task", 1],
    ],
    priorities: [
      ["normal", 5],
      ["high", 4],
      ["low", 1],
    ],
    en: {
      subjects: ["2FA problem", "Two-factor authentication", "Question about 2FA"],
      openings: [
        "Lost phone - can't get 2FA code || I lost my phone and with it the authenticator app, so I can't get past the 2FA screen.",
        "Two-factor code not accepted|2FA codes are always wrong || The 6-digit code from my authenticator is rejected every time.",
        "Reset 2FA for a user || Please reset two-factor authentication for one of our users, she got a new phone.",
        "Enforce two-factor for our team || Is it possible to make 2FA mandatory for everyone in our workspace?",
        "No SMS code || I never receive the SMS code when logging in.",
      ],
      details: ["Our workspace is {company}.", "I'm the admin of our account."],
    },
    de: {
      subjects: ["Problem mit 2FA", "Zwei-Faktor-Authentifizierung", "Frage zur 2FA"],
      openings: [
        "Handy verloren - 2FA || Ich habe mein Handy verloren und damit die Authenticator-App, jetzt komme ich nicht an der 2FA vorbei.",
        "Zwei-Faktor-Code wird nicht akzeptiert || Der sechsstellige Code aus der App wird jedes Mal abgelehnt.",
        "2FA zurücksetzen || Bitte setzen Sie die Zwei-Faktor-Authentifizierung für einen Kollegen zurück, er hat ein neues Telefon.",
        "2FA verpflichtend machen? || Kann man die 2FA für alle Nutzer verpflichtend machen?",
      ],
      details: ["Unser Konto läuft auf {company}.", "Ich bin Administrator des Kontos."],
    },
  },
  {
    key: "sso",
    queues: [["Accounts & Access", 1]],
    types: [
      ["task", 3],
      ["problem", 3],
      ["question", 1],
    ],
    priorities: [
      ["normal", 5],
      ["high", 3],
      ["urgent", 2],
    ],
    en: {
      subjects: ["SSO question", "Single sign-on", "SAML / SSO"],
      openings: [
        "SSO with Azure AD fails|SAML login error || Since this morning our SAML single sign-on with Azure AD fails with 'invalid signature'.",
        "Set up single sign-on with Okta || We'd like to set up single sign-on with Okta for our {n} users. What do you need from us?",
        "'user not provisioned' on SSO login || New employees get 'user not provisioned' when they sign in through SSO.",
        "SSO broken after certificate renewal || Our identity provider certificate was renewed yesterday and now nobody can log in with SSO.",
      ],
      details: [
        "We are on the {plan} plan.",
        "I can share the SAML metadata file.",
        "Password login still works for the admin account.",
      ],
      pressing: ["The whole company signs in through SSO, so nobody can work at the moment."],
    },
    de: {
      subjects: ["Frage zu SSO", "Single Sign-on", "SAML / SSO"],
      openings: [
        "SSO mit Azure AD schlägt fehl|SAML-Fehler bei der Anmeldung || Seit heute früh schlägt unser SAML-Login über Azure AD mit 'invalid signature' fehl.",
        "Single Sign-on mit Okta einrichten || Wir möchten Single Sign-on mit Okta für {n} Nutzer einrichten. Was brauchen Sie von uns?",
        "'user not provisioned' beim SSO-Login || Neue Mitarbeiter bekommen beim SSO-Login 'user not provisioned'.",
        "SSO geht seit Zertifikatswechsel nicht || Gestern wurde das Zertifikat unseres Identity Providers erneuert, seitdem kommt niemand mehr per SSO rein.",
      ],
      details: ["Die SAML-Metadaten kann ich Ihnen schicken.", "Der Admin-Login mit Passwort funktioniert noch."],
      pressing: ["Alle Mitarbeiter melden sich per SSO an, im Moment kann also keiner arbeiten."],
    },
  },
  {
    key: "user-seats",
    queues: [["Accounts & Access", 1]],
    types: [
      ["task", 5],
      ["question", 2],
    ],
    priorities: [
      ["low", 3],
      ["normal", 6],
      ["high", 1],
    ],
    en: {
      subjects: ["User management", "Question about users", "Users and seats"],
      openings: [
        "Add {n} new users|New users for our team || Please add {n} new users to our workspace, the list is attached.",
        "Remove former employee || One of our employees left, can you remove her account and move her data to me?",
        "Change account owner || Our account owner has left the company. How do we make someone else the owner?",
        "Transfer admin rights|Admin option greyed out || I need to give admin rights to my colleague, but the option is greyed out.",
      ],
      details: ["We are on the {plan} plan.", "Our workspace is {company}."],
    },
    de: {
      subjects: ["Benutzerverwaltung", "Frage zu Benutzern", "Nutzer und Lizenzen"],
      openings: [
        "{n} neue Benutzer anlegen || Bitte legen Sie {n} neue Benutzer für unser Konto an, die Liste hängt an.",
        "Ehemaligen Mitarbeiter entfernen || Ein Mitarbeiter hat uns verlassen, bitte sein Konto deaktivieren und die Daten mir zuordnen.",
        "Kontoinhaber ändern || Unser Kontoinhaber ist nicht mehr im Unternehmen. Wie übertragen wir die Inhaberschaft?",
        "Adminrechte übertragen || Ich möchte einer Kollegin Adminrechte geben, die Option ist aber ausgegraut.",
      ],
      details: ["Wir sind im {plan}-Tarif.", "Unser Konto läuft auf {company}."],
    },
  },
  {
    key: "more-seats",
    queues: [
      ["Accounts & Access", 1],
      ["Sales", 1],
    ],
    types: [
      ["task", 3],
      ["question", 2],
    ],
    priorities: [
      ["low", 2],
      ["normal", 6],
      ["high", 2],
    ],
    en: {
      subjects: ["More seats", "Add licences", "Need more user seats"],
      openings: [
        "Out of seats|Can't invite new users || We ran out of seats and can't invite anyone else.",
        "Add {n} seats to our plan || Please add {n} seats to our {plan} subscription, our team is growing.",
        "How do I buy extra seats? || How can I buy extra user seats without changing the plan?",
      ],
      details: ["New colleagues start on {weekday}.", "We have {n} users at the moment."],
    },
    de: {
      subjects: ["Mehr Lizenzen", "Zusätzliche Nutzerplätze"],
      openings: [
        "Keine freien Plätze || Wir haben keine freien Plätze mehr und können niemanden einladen.",
        "{n} weitere Lizenzen || Bitte fügen Sie unserem {plan}-Abo {n} weitere Lizenzen hinzu, wir wachsen.",
        "Zusätzliche Plätze kaufen? || Wie kann ich zusätzliche Nutzerplätze kaufen, ohne den Tarif zu wechseln?",
      ],
      details: ["Die neuen Kollegen fangen am {weekday} an.", "Wir haben derzeit {n} Nutzer."],
    },
  },
  {
    key: "email-change",
    queues: [["Accounts & Access", 1]],
    types: [
      ["task", 4],
      ["question", 1],
    ],
    priorities: [
      ["low", 4],
      ["normal", 5],
    ],
    en: {
      subjects: ["Account change", "Request about my account"],
      openings: [
        "Change login email|New domain for our logins || Our company changed its domain, so I need to change my login email.",
        "Delete my account || Please delete my personal account and all data linked to it.",
        "Merge two accounts || I accidentally created two accounts, can you merge them into one?",
        "Update my email address || How do I change the email address I use to sign in?",
      ],
      details: ["I'm writing from the address on the account.", "Thanks for your help with this."],
    },
    de: {
      subjects: ["Änderung am Konto", "Anfrage zu meinem Konto"],
      openings: [
        "Login-E-Mail ändern || Unsere Firma hat die Domain gewechselt, ich muss meine Login-Adresse ändern.",
        "Konto löschen || Bitte löschen Sie mein Konto und alle damit verbundenen Daten.",
        "Zwei Konten zusammenführen || Ich habe versehentlich zwei Konten angelegt, können Sie die zusammenführen?",
        "Neue E-Mail-Adresse hinterlegen || Wie ändere ich die E-Mail-Adresse für die Anmeldung?",
      ],
      details: ["Ich schreibe von der Adresse, die im Konto hinterlegt ist."],
    },
  },
  // --- Shipping & Returns ----------------------------------------------------------------------------
  {
    key: "delivery-delay",
    queues: [["Shipping & Returns", 1]],
    types: [
      ["question", 4],
      ["problem", 2],
    ],
    priorities: [
      ["low", 1],
      ["normal", 6],
      ["high", 3],
    ],
    en: {
      subjects: ["Where is my order?", "Order not delivered yet", "Delivery delayed", "package still not here"],
      openings: [
        "{n} devices ordered, nothing arrived || We ordered {n} {device} units on {date} and they still haven't arrived.",
        "Tracking hasn't updated in a week|{carrier} tracking stuck || The {carrier} tracking for order {order} hasn't changed in six days.",
        "Order {order} status|Order {order} late || Our order {order} was supposed to arrive last {weekday}. Can you check where it is?",
        "Marked delivered but not received || The tracking says delivered, but nothing arrived at our office.",
        "No shipping confirmation after two weeks || It's been two weeks since I ordered and I haven't even received a shipping confirmation.",
      ],
      details: [
        "The delivery address is our warehouse, not the office.",
        "Can you give me a new delivery date?",
        "We paid for express shipping.",
      ],
      pressing: ["We open a new store on {weekday} and need the devices before then."],
    },
    de: {
      subjects: ["Wo bleibt meine Bestellung?", "Lieferung verspätet", "Bestellung noch nicht da"],
      openings: [
        "{n} Geräte bestellt, nichts geliefert || Wir haben am {date} {n} Geräte bestellt, geliefert wurde bis heute nichts.",
        "Sendungsverfolgung ohne Update || Die {carrier}-Sendungsverfolgung für {order} hat sich seit sechs Tagen nicht bewegt.",
        "Bestellung {order} verspätet || Die Bestellung {order} sollte letzten {weekday} kommen. Können Sie nachsehen, wo sie ist?",
        "Zugestellt, aber nicht angekommen || Laut Tracking wurde zugestellt, bei uns ist aber nichts angekommen.",
        "Keine Versandbestätigung || Ich habe vor zwei Wochen bestellt und noch nicht mal eine Versandbestätigung bekommen.",
      ],
      details: [
        "Lieferadresse ist unser Lager, nicht das Büro.",
        "Wir haben Expressversand bezahlt.",
        "Bitte nennen Sie mir einen neuen Liefertermin.",
      ],
      pressing: ["Wir eröffnen am {weekday} eine neue Filiale und brauchen die Geräte vorher."],
    },
  },
  {
    key: "damaged-item",
    queues: [["Shipping & Returns", 1]],
    types: [
      ["problem", 4],
      ["task", 2],
    ],
    priorities: [
      ["normal", 6],
      ["high", 3],
      ["low", 1],
    ],
    en: {
      subjects: ["Problem with my delivery", "Issue with order", "Delivery problem"],
      openings: [
        "Item arrived damaged|Cracked {device} || The {device} from order {order} arrived with a cracked housing.",
        "Damaged package|Crushed box, device dead || The box was crushed and the {device} inside doesn't turn on.",
        "Wrong item delivered || We ordered the Hub Pro but received a Hub mini instead.",
        "Missing part in order {order}|Cable missing || The charging cable was missing from the box of order {order}.",
        "Broken screens on new scanners || Two of the {n} scanners we received have broken screens.",
      ],
      details: ["Photos are attached.", "We'd like a replacement rather than a refund."],
    },
    de: {
      subjects: ["Problem mit der Lieferung", "Reklamation", "Lieferung fehlerhaft"],
      openings: [
        "Ware beschädigt angekommen || Der {device} aus Bestellung {order} kam mit gebrochenem Gehäuse an.",
        "Gerät defekt geliefert|Karton eingedrückt || Der Karton war eingedrückt und das Gerät darin lässt sich nicht einschalten.",
        "Falscher Artikel geliefert || Bestellt hatten wir den Hub Pro, geliefert wurde ein Hub mini.",
        "Teil fehlt in Bestellung {order} || In der Lieferung {order} fehlt das Ladekabel.",
      ],
      details: ["Fotos hängen an.", "Wir möchten lieber Ersatz statt Erstattung."],
    },
  },
  {
    key: "return-label",
    queues: [["Shipping & Returns", 1]],
    types: [
      ["task", 4],
      ["question", 3],
    ],
    priorities: [
      ["low", 3],
      ["normal", 6],
    ],
    en: {
      subjects: ["Return", "Return request", "Question about returns"],
      openings: [
        "Return label please|Return request for order {order} || We'd like to return {n} unused {device} units from order {order}. Can you send a return label?",
        "How do I return a device? || How do I send back a device we no longer need?",
        "Return label not working|Label rejected by {carrier} || The return label you emailed is rejected at the {carrier} shop.",
        "Return within 30 days || We are still within the 30 days, so I'd like to return the {device}.",
      ],
      details: ["Everything is still in the original packaging.", "Can the courier pick it up at our office?"],
    },
    de: {
      subjects: ["Rücksendung", "Retoure", "Frage zur Rücksendung"],
      openings: [
        "Retourenschein anfordern|Rücksendung {order} || Wir möchten {n} unbenutzte Geräte aus Bestellung {order} zurückschicken. Bitte senden Sie ein Retourenlabel.",
        "Wie schicke ich das Gerät zurück? || Wie kann ich ein Gerät zurückgeben, das wir nicht mehr brauchen?",
        "Retourenlabel funktioniert nicht || Das Retourenlabel aus Ihrer Mail wird im {carrier}-Shop nicht angenommen.",
        "Rückgabe innerhalb 30 Tage || Wir sind noch innerhalb der 30 Tage und möchten den {device} zurückgeben.",
      ],
      details: ["Alles ist noch originalverpackt.", "Kann der Kurier das Paket bei uns abholen?"],
    },
  },
  {
    key: "exchange",
    queues: [["Shipping & Returns", 1]],
    types: [
      ["task", 4],
      ["question", 2],
    ],
    priorities: [
      ["low", 3],
      ["normal", 6],
      ["high", 1],
    ],
    en: {
      subjects: ["Exchange request", "Change to my order", "Order change"],
      openings: [
        "Exchange for Hub Pro|Upgrade device in my order || Can we exchange the {device} we received for the Hub Pro and pay the difference?",
        "Ordered the wrong model || We ordered the wrong model. Is an exchange possible before we open the box?",
        "Change delivery address for order {order} || Please change the delivery address for order {order}, we moved offices.",
        "Swap scanners in order || I'd like to swap two of the Scanner S4 for the Pocket Scanner S2.",
      ],
      details: ["The order number is {order}.", "Thanks for sorting this out."],
    },
    de: {
      subjects: ["Umtausch", "Änderung an der Bestellung"],
      openings: [
        "Umtausch gegen Hub Pro || Können wir den gelieferten {device} gegen den Hub Pro tauschen und die Differenz zahlen?",
        "Falsches Modell bestellt || Wir haben das falsche Modell bestellt. Ist ein Umtausch möglich?",
        "Lieferadresse ändern {order} || Bitte ändern Sie die Lieferadresse für {order}, wir sind umgezogen.",
      ],
      details: ["Die Bestellnummer ist {order}.", "Danke fürs Kümmern."],
    },
  },
  // --- Sales -----------------------------------------------------------------------------------------
  {
    key: "pricing",
    queues: [["Sales", 1]],
    types: [["question", 1]],
    priorities: [
      ["low", 4],
      ["normal", 6],
    ],
    en: {
      subjects: ["Pricing question", "Question about prices", "pricing"],
      openings: [
        "Pricing for {n} users|{plan} plan price || We are a team of {n} people. What would the {plan} plan cost per year?",
        "Volume discount? || Do you offer a volume discount if we buy more than {n} licences?",
        "Nonprofit discount || Is there a discount for nonprofits or schools?",
        "Business vs Enterprise || What's the difference between the Business and Enterprise plans?",
        "Price list for devices || Could you send us a price list for the scanners and docks for larger quantities?",
      ],
      details: [
        "We are comparing a few tools at the moment.",
        "Annual billing would be fine.",
        "We work for {company}.",
      ],
    },
    de: {
      subjects: ["Frage zu den Preisen", "Preisanfrage", "Preise"],
      openings: [
        "Preise für {n} Nutzer|Frage zum {plan}-Tarif || Wir sind {n} Personen. Was kostet der {plan}-Tarif im Jahr?",
        "Mengenrabatt möglich? || Gibt es einen Mengenrabatt ab {n} Lizenzen?",
        "Rabatt für Vereine || Bieten Sie Rabatte für gemeinnützige Vereine an?",
        "Business oder Enterprise? || Was ist der Unterschied zwischen Business und Enterprise?",
        "Preisliste Geräte || Können Sie uns eine Preisliste für Scanner und Docks bei größeren Stückzahlen schicken?",
      ],
      details: [
        "Wir vergleichen gerade mehrere Anbieter.",
        "Jährliche Abrechnung wäre in Ordnung.",
        "Wir sind die Firma {company}.",
      ],
    },
  },
  {
    key: "demo-request",
    queues: [["Sales", 1]],
    types: [
      ["task", 3],
      ["question", 2],
    ],
    priorities: [
      ["low", 2],
      ["normal", 6],
      ["high", 1],
    ],
    en: {
      subjects: ["Interested in Fernhill Cloud", "Demo request", "Talk to sales"],
      openings: [
        "Can we schedule a demo? || We'd like to see a demo of Fernhill Cloud for our operations team of {n} people.",
        "Walkthrough of reporting features || Could someone walk us through the reporting features next week?",
        "Evaluating tools for {n} stores || We are evaluating tools for our {n} stores and would like a call with sales.",
        "Trial extension || Our trial ends on {date}. Could you extend it by two weeks so we can finish testing?",
      ],
      details: ["{weekday} afternoon works best for us.", "Our IT lead would join as well."],
    },
    de: {
      subjects: ["Interesse an Fernhill Cloud", "Anfrage Vertrieb", "Demo-Anfrage"],
      openings: [
        "Demo-Termin anfragen || Wir würden gern eine Demo von Fernhill Cloud für unser Team von {n} Personen sehen.",
        "Vorstellung der Berichtsfunktionen || Kann uns jemand nächste Woche die Berichtsfunktionen vorstellen?",
        "Lösung für {n} Filialen gesucht || Wir suchen eine Lösung für unsere {n} Filialen und hätten gern ein Gespräch mit dem Vertrieb.",
        "Testphase verlängern || Unsere Testphase endet am {date}. Können Sie sie um zwei Wochen verlängern?",
      ],
      details: ["Am besten passt uns {weekday} nachmittags.", "Unser IT-Leiter wäre auch dabei."],
    },
  },
  {
    key: "quote",
    queues: [["Sales", 1]],
    types: [
      ["task", 4],
      ["question", 1],
    ],
    priorities: [
      ["normal", 6],
      ["high", 3],
      ["low", 1],
    ],
    en: {
      subjects: ["Request for quotation", "Quote needed", "Offer for our procurement"],
      openings: [
        "Quote for {n} licences || Please send us a formal quote for {n} {plan} licences for 12 months.",
        "Need an offer for procurement || Our procurement department needs an offer with your company details before we can order.",
        "Quote for scanners and docks || Could you prepare a quote for {n} Scanner S4 and {n} Dock D2, including shipping to Germany?",
        "Updated quote please || We need an updated quote, the one from {month} has expired.",
      ],
      details: ["Please address it to {company}.", "Payment would be by bank transfer.", "A PDF is fine."],
      pressing: ["Our budget approval meeting is tomorrow, so we need the quote today."],
    },
    de: {
      subjects: ["Angebotsanfrage", "Bitte um Angebot", "Angebot benötigt"],
      openings: [
        "Angebot für {n} Lizenzen || Bitte schicken Sie uns ein Angebot über {n} {plan}-Lizenzen für 12 Monate.",
        "Offizielles Angebot für den Einkauf || Unser Einkauf braucht ein offizielles Angebot, bevor wir bestellen können.",
        "Angebot für Scanner und Docks || Können Sie ein Angebot für {n} Scanner S4 und {n} Dock D2 inklusive Versand erstellen?",
        "Neues Angebot || Das Angebot aus dem {month} ist abgelaufen, wir bräuchten ein neues.",
      ],
      details: ["Bitte an {company} adressieren.", "Zahlung per Überweisung."],
      pressing: ["Morgen ist unsere Budgetsitzung, wir brauchen das Angebot heute noch."],
    },
  },
  {
    key: "upgrade",
    queues: [
      ["Sales", 3],
      ["Billing", 2],
    ],
    types: [
      ["question", 3],
      ["task", 3],
    ],
    priorities: [
      ["low", 2],
      ["normal", 6],
      ["high", 1],
    ],
    en: {
      subjects: ["Change of plan", "Licence change", "Question about our subscription"],
      openings: [
        "Upgrade to {plan}|Upgrade from Team || We'd like to upgrade from Team to {plan}. How is the price for the current month calculated?",
        "Switch from monthly to annual || Can we switch from monthly to annual billing and keep the same seats?",
        "Move to Enterprise for SSO || We need SSO, which means moving to the Enterprise plan. What are the next steps?",
        "Downgrade our plan || We want to downgrade to Starter at the end of our term.",
      ],
      details: ["We have {n} active users right now.", "Our renewal date is {date}.", "Please keep all existing data."],
    },
    de: {
      subjects: ["Tarif wechseln", "Lizenzänderung", "Frage zu unserem Abo"],
      openings: [
        "Upgrade auf {plan} || Wir möchten vom Team- auf den {plan}-Tarif wechseln. Wie wird der laufende Monat berechnet?",
        "Von monatlich auf jährlich wechseln || Können wir von monatlicher auf jährliche Zahlung umstellen?",
        "Wechsel auf Enterprise wegen SSO || Wir brauchen SSO und müssen daher auf Enterprise wechseln. Wie geht es weiter?",
        "Downgrade zum Laufzeitende || Zum Ende der Laufzeit möchten wir auf Starter herunterstufen.",
      ],
      details: ["Wir haben derzeit {n} aktive Nutzer.", "Die Verlängerung ist am {date}."],
    },
  },
  {
    key: "partnership",
    queues: [["Sales", 1]],
    types: [["question", 1]],
    priorities: [
      ["low", 5],
      ["normal", 4],
    ],
    en: {
      subjects: ["Partnership", "Partner programme"],
      openings: [
        "Reseller partnership || We are an IT service provider and would like to resell Fernhill Cloud to our clients.",
        "Referral programme question || Do you have a partner or referral programme for agencies?",
        "Offering your scanners to retailers || We install POS systems for retailers and would like to offer your scanners as well.",
      ],
      details: ["We have about {n} customers in the retail sector.", "Who would be the right contact for this?"],
    },
    de: {
      subjects: ["Partnerschaft", "Partnerprogramm"],
      openings: [
        "Anfrage Reseller || Wir sind ein IT-Dienstleister und würden Fernhill Cloud gern an unsere Kunden weiterverkaufen.",
        "Partnerprogramm für Agenturen? || Gibt es ein Partnerprogramm für Agenturen?",
        "Ihre Scanner für den Handel || Wir richten Kassensysteme für den Einzelhandel ein und würden Ihre Scanner gern mit anbieten.",
      ],
      details: ["Wir betreuen rund {n} Kunden im Handel.", "Wer wäre dafür der richtige Ansprechpartner?"],
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// Shared phrases: greetings, closings, how pressing a ticket is, and asides that mention another queue's
// topic (real tickets do, and a router must not be thrown by them).

const GREETINGS: Record<Lang, readonly string[]> = {
  en: ["Hi,", "Hello,", "Hi team,", "Hello support,", "Good morning,", "Dear support team,", "Hey there,", "Hi all,"],
  de: [
    "Hallo,",
    "Guten Tag,",
    "Hallo zusammen,",
    "Sehr geehrte Damen und Herren,",
    "Moin,",
    "Hallo Support-Team,",
    "Guten Morgen,",
  ],
};
const CLOSINGS: Record<Lang, readonly string[]> = {
  en: ["Thanks!", "Thanks in advance.", "Best regards,", "Cheers,", "Kind regards,", "Thank you.", "Many thanks,"],
  de: [
    "Danke!",
    "Vielen Dank im Voraus.",
    "Viele Grüße",
    "Mit freundlichen Grüßen",
    "Beste Grüße",
    "Danke und Gruß",
    "LG",
  ],
};
const URGENT: Record<Lang, readonly string[]> = {
  en: [
    "This is urgent.",
    "URGENT - please call me back as soon as possible.",
    "Please escalate this, it is critical for us.",
    "We need a fix immediately.",
  ],
  de: [
    "Das ist dringend!",
    "DRINGEND - bitte umgehend melden.",
    "Bitte sofort eskalieren.",
    "Wir brauchen sofort eine Lösung.",
  ],
};
const HIGH: Record<Lang, readonly string[]> = {
  en: [
    "Please treat this as a priority.",
    "We need this sorted today if possible.",
    "Can someone look at this today please?",
    "A quick answer would be much appreciated.",
    "This is time-sensitive for us.",
  ],
  de: [
    "Bitte mit Priorität behandeln.",
    "Wir bräuchten das heute noch.",
    "Eine schnelle Rückmeldung wäre super.",
    "Das ist für uns zeitkritisch.",
  ],
};
const LOW: Record<Lang, readonly string[]> = {
  en: [
    "No rush, whenever you get a chance.",
    "Not urgent at all.",
    "Whenever you have a moment.",
    "This can wait until next week.",
  ],
  de: ["Keine Eile.", "Nicht dringend.", "Hat Zeit bis nächste Woche.", "Wenn Sie mal Zeit haben."],
};
/** Who is writing and why now: said by some writers before or after the point, in no queue's words. */
const CONTEXT: Record<Lang, readonly string[]> = {
  en: [
    "I'm writing on behalf of our office manager.",
    "We've been customers for about three years.",
    "Sorry if this has been asked before.",
    "A colleague asked me to forward this to you.",
    "I already tried the chat but nobody answered.",
    "Writing from my phone, sorry for typos.",
  ],
  de: [
    "Ich schreibe im Auftrag unserer Büroleitung.",
    "Wir sind seit ca. drei Jahren Kunde.",
    "Entschuldigung, falls das schon mal gefragt wurde.",
    "Ein Kollege hat mich gebeten, das weiterzuleiten.",
    "Im Chat hat leider niemand geantwortet.",
  ],
};
const ASIDES: Record<Lang, Record<Queue, readonly string[]>> = {
  en: {
    Billing: [
      "Logging in works fine, it's only about the billing.",
      "The app itself runs without problems.",
      "This is not about the devices we ordered.",
    ],
    "Technical Support": [
      "We renewed our subscription last month, in case that matters.",
      "Our account and invoices are all in order.",
      "I'm logged in as an admin.",
    ],
    "Accounts & Access": [
      "The subscription is paid and active.",
      "I also emailed about an invoice last week, that is a separate topic.",
      "We use the app every day in our stores.",
    ],
    "Shipping & Returns": [
      "The invoice was paid the same day.",
      "Our software subscription is not affected, this is only about the hardware.",
      "I ordered through the web shop with my Fernhill login.",
    ],
    Sales: [
      "We already use the app in one store and like it.",
      "Invoices would go to our finance team.",
      "I couldn't find this on your website.",
    ],
  },
  de: {
    Billing: ["Die Anmeldung funktioniert, es geht nur um die Abrechnung.", "Die App selbst läuft problemlos."],
    "Technical Support": [
      "Unser Abo haben wir letzten Monat verlängert, falls das wichtig ist.",
      "Ich bin als Admin angemeldet.",
    ],
    "Accounts & Access": ["Das Abo ist bezahlt und aktiv.", "Wir nutzen die App täglich in unseren Filialen."],
    "Shipping & Returns": ["Die Rechnung haben wir sofort bezahlt.", "Es geht nur um die Hardware, nicht um das Abo."],
    Sales: ["Wir nutzen die App bereits in einer Filiale.", "Auf der Website habe ich dazu nichts gefunden."],
  },
};
const REPLIES: Record<Lang, Record<Queue, readonly string[]>> = {
  en: {
    Billing: [
      "Thanks for reaching out. I've corrected this on our side; you'll see the change on your card or invoice within 5-7 business days.",
      "I've looked into your account and issued a corrected invoice, which you'll find on the billing page.",
      "Thanks for your patience. The payment issue is resolved and your subscription is active.",
    ],
    "Technical Support": [
      "Thanks for the details. Our engineers found the cause and deployed a fix; please let us know if you still see the problem.",
      "This was a known issue with the latest version; the update released today fixes it.",
      "Thanks, the steps in our help article should sort this out. I'm marking this as solved, just reply if not.",
    ],
    "Accounts & Access": [
      "I've reset the access for the account in question; you should be able to sign in now.",
      "Done - the users have been updated. Changes can take a few minutes to show up.",
      "Thanks for verifying your identity. Access is restored.",
    ],
    "Shipping & Returns": [
      "Sorry about this. I've arranged a replacement, you'll receive the tracking number by email.",
      "I've sent the return label to your email; the refund follows once we receive the parcel.",
      "The carrier confirmed the new delivery date, and I've added a note to the order.",
    ],
    Sales: [
      "Thanks for your interest! I've sent the details by email, and I'm happy to set up a call.",
      "Your quote is attached to my email; it is valid for 30 days.",
      "I've passed this on to our account team, who will contact you this week.",
    ],
  },
  de: {
    Billing: [
      "Vielen Dank für Ihre Nachricht. Wir haben das korrigiert; die Änderung sehen Sie in 5-7 Werktagen.",
      "Ich habe eine korrigierte Rechnung erstellt, Sie finden sie im Kundenkonto.",
    ],
    "Technical Support": [
      "Danke für die Details. Unser Team hat den Fehler behoben; bitte melden Sie sich, falls er wieder auftritt.",
      "Das war ein bekannter Fehler der letzten Version, das heutige Update behebt ihn.",
    ],
    "Accounts & Access": [
      "Ich habe den Zugang zurückgesetzt, die Anmeldung sollte jetzt wieder funktionieren.",
      "Erledigt - die Benutzer sind angepasst.",
    ],
    "Shipping & Returns": [
      "Das tut uns leid. Ersatz ist unterwegs, die Sendungsnummer kommt per Mail.",
      "Das Retourenlabel ist per Mail unterwegs; die Erstattung folgt nach Eingang.",
    ],
    Sales: [
      "Vielen Dank für Ihr Interesse! Die Unterlagen habe ich per Mail geschickt.",
      "Das Angebot hängt an meiner Mail an und gilt 30 Tage.",
    ],
  },
};

// ---------------------------------------------------------------------------------------------------
// People: fictional requesters and agents (example.com / example.de).

const FIRST_EN = [
  "Dana",
  "Marcus",
  "Priya",
  "Owen",
  "Hannah",
  "Luis",
  "Grace",
  "Tom",
  "Aisha",
  "Ben",
  "Chloe",
  "Ethan",
  "Maya",
  "Noah",
  "Olivia",
  "Ravi",
  "Sofia",
  "Liam",
  "Zoe",
  "Isaac",
];
const LAST_EN = [
  "Reyes",
  "Holt",
  "Nair",
  "Fletcher",
  "Moss",
  "Carter",
  "Okafor",
  "Brennan",
  "Whitaker",
  "Sato",
  "Dalton",
  "Quinn",
  "Patel",
  "Lowe",
  "Garcia",
  "Hughes",
];
const FIRST_DE = [
  "Jonas",
  "Eva",
  "Lukas",
  "Miriam",
  "Felix",
  "Anna",
  "Stefan",
  "Katrin",
  "Jan",
  "Sabine",
  "Tobias",
  "Lea",
  "Markus",
  "Julia",
  "Henrik",
  "Petra",
];
const LAST_DE = [
  "Weber",
  "Schulz",
  "Becker",
  "Hoffmann",
  "Krüger",
  "Wagner",
  "Neumann",
  "Schröder",
  "Braun",
  "Zimmermann",
  "Hartmann",
  "Lange",
  "Schmitt",
  "Vogel",
];

interface Person {
  id: number;
  name: string;
  email: string;
  lang: Lang;
}

function ascii(text: string): string {
  return text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
}

function people(): Person[] {
  const out: Person[] = [];
  const emails = new Set<string>();
  let id = 1001;
  for (const [lang, count] of [
    ["en", 90],
    ["de", 60],
  ] as const) {
    while (out.filter((p) => p.lang === lang).length < count) {
      const first = pick(lang === "en" ? FIRST_EN : FIRST_DE);
      const last = pick(lang === "en" ? LAST_EN : LAST_DE);
      const domain = lang === "en" ? "example.com" : "example.de";
      const local = pick([`${first}.${last}`, `${first[0]}.${last}`, first, `${first}${last[0]}`]);
      const email = `${ascii(local)}@${domain}`;
      if (emails.has(email)) continue;
      emails.add(email);
      out.push({ id: id++, name: `${first} ${last}`, email, lang });
    }
  }
  return out;
}

const AGENTS = [
  { id: 901, name: "Mara Lindqvist", email: "mara@support.example.com", role: "agent" as const },
  { id: 902, name: "Tobias Brandt", email: "tobias@support.example.com", role: "agent" as const },
  { id: 903, name: "Sam Okoro", email: "sam@support.example.com", role: "agent" as const },
  { id: 904, name: "Lena Hofer", email: "lena@support.example.com", role: "agent" as const },
];

const GROUPS = [
  { id: 101, name: "Incoming", description: "New tickets wait here until they are routed." },
  { id: 102, name: "Billing", description: "Invoices, payments, refunds, VAT." },
  { id: 103, name: "Technical Support", description: "App, API, integrations, devices, outages." },
  { id: 104, name: "Accounts & Access", description: "Logins, passwords, 2FA, SSO, users and seats." },
  { id: 105, name: "Shipping & Returns", description: "Deliveries, damaged items, returns, exchanges." },
  { id: 106, name: "Sales", description: "Pricing, quotes, demos, plans." },
  { id: 107, name: "Unclassified", description: "Tickets the router was not sure about." },
] as const;

const groupId = (name: string): number => {
  const group = GROUPS.find((g) => g.name === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.id;
};

// ---------------------------------------------------------------------------------------------------
// Tickets.

interface Generated {
  lang: Lang;
  intent: string;
  queue: Queue;
  priority: Priority;
  type: TicketType;
  subject: string;
  body: string;
  /** The body without greeting and sign-off, for the duplicate check. */
  core: string;
}

/** Swaps two neighbouring letters in one longer word: the kind of typo people make when typing fast. */
function typo(text: string): string {
  const words = text.split(" ");
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[a-zäöüß]{6,}$/i.test(w));
  if (candidates.length === 0) return text;
  const [word, index] = pick(candidates);
  const at = int(1, word.length - 3);
  words[index] = word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
  return words.join(" ");
}

/** An opening is `"Subject A|Subject B || Body"`: the subjects that fit this opening in particular, then its text. */
function story(opening: string): [subjects: string[], text: string] {
  const at = opening.indexOf(" || ");
  if (at < 0) return [[], opening];
  return [opening.slice(0, at).split("|"), opening.slice(at + 4)];
}

function pressing(bank: Bank, lang: Lang, priority: Priority): string | undefined {
  if (priority === "urgent") return bank.pressing && chance(0.6) ? fill(pick(bank.pressing), lang) : pick(URGENT[lang]);
  if (priority === "high") {
    if (!chance(0.85)) return undefined;
    return bank.pressing && chance(0.35) ? fill(pick(bank.pressing), lang) : pick(HIGH[lang]);
  }
  if (priority === "low") return chance(0.6) ? pick(LOW[lang]) : undefined;
  return undefined;
}

function generate(lang: Lang, signer: Person, intent: Intent = pick(INTENTS)): Generated {
  ticketSlots = new Map();
  const bank = intent[lang];
  const queue = weighted(intent.queues);
  const priority = weighted(intent.priorities);
  const [specific, opening] = story(pick(bank.openings));
  // Someone who asks is mostly filing a question; someone who reports or requests mostly is not.
  const asks = opening.includes("?");
  const type = weighted(intent.types.map(([t, w]) => [t, (t === "question") === asks ? w * 4 : w] as const));
  const sentences: string[] = [fill(opening, lang)];
  const details = [...bank.details];
  for (const p of [0.7, 0.3]) {
    if (details.length === 0 || !chance(p)) break;
    const detail = pick(details);
    details.splice(details.indexOf(detail), 1);
    sentences.push(fill(detail, lang));
  }
  if (chance(0.15)) sentences.splice(1, 0, pick(ASIDES[lang][queue]));
  if (chance(0.2)) chance(0.5) ? sentences.unshift(pick(CONTEXT[lang])) : sentences.push(pick(CONTEXT[lang]));
  const urgency = pressing(bank, lang, priority);
  // Urgent writers tend to lead with it, everyone else mentions it last.
  if (urgency) priority === "urgent" && chance(0.5) ? sentences.unshift(urgency) : sentences.push(urgency);
  let body = sentences.join(" ");
  if (chance(0.15)) body = typo(body);
  const core = body.toLowerCase();
  const parts = [chance(0.7) ? pick(GREETINGS[lang]) : "", body];
  if (chance(0.65)) parts.push(`${pick(CLOSINGS[lang])}\n${signer.name.split(" ")[0]}`);
  let subject = fill(specific.length > 0 && chance(0.7) ? pick(specific) : pick(bank.subjects), lang);
  if (chance(0.05)) subject = subject.toLowerCase();
  if (chance(0.03)) subject = "";
  const text = parts.filter(Boolean).join("\n\n");
  return { lang, intent: intent.key, queue, priority, type, subject, body: text, core };
}

/** Fisher-Yates on the seeded PRNG, in place. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Exactly `share` of `count` entries are `a`, the rest `b`, shuffled. */
function quota<T>(count: number, share: number, a: T, b: T): T[] {
  return shuffle(Array.from({ length: count }, (_, i) => (i < Math.round(count * share) ? a : b)));
}

const iso = (ms: number): string => new Date(Math.floor(ms / 60_000) * 60_000).toISOString().replace(".000Z", "Z");

interface Output {
  seed: Record<string, unknown>;
  expected: Record<string, { queue: Queue; priority: Priority; type: TicketType; language: Lang }>;
  stats: Record<string, Record<string, number>>;
}

function build(): Output {
  const requesters = people();
  const seen = new Set<string>();
  const tickets: Record<string, unknown>[] = [];
  const expected: Output["expected"] = {};
  const stats: Output["stats"] = { split: {}, queue: {}, priority: {}, type: {}, language: {}, newQueue: {} };
  const count = (table: string, key: string) => {
    const row = stats[table] ?? {};
    row[key] = (row[key] ?? 0) + 1;
    stats[table] = row;
  };
  const TRAIN = 360;
  const NEW = 60;
  const trainStart = Date.parse("2026-05-04T07:00:00Z");
  const trainEnd = Date.parse("2026-11-27T17:00:00Z");
  const newStart = Date.parse("2026-12-01T06:10:00Z");
  const languages = [...quota<Lang>(TRAIN, 0.6, "en", "de"), ...quota<Lang>(NEW, 0.6, "en", "de")];
  // The new tickets go through every intent about twice (in a shuffled order), so the demo's inbox covers
  // every queue and most kinds of request rather than whatever a random draw of 60 favours.
  const inbox = shuffle(Array.from({ length: NEW }, (_, i) => INTENTS[i % INTENTS.length] as Intent));
  for (let n = 1; n <= TRAIN + NEW; n++) {
    const isNew = n > TRAIN;
    const lang = languages[n - 1] ?? "en";
    const requester = pick(requesters.filter((p) => p.lang === lang));
    const intent = isNew ? inbox[n - TRAIN - 1] : undefined;
    let t = generate(lang, requester, intent);
    // Two tickets must not tell the same story, even with a different greeting.
    while (seen.has(t.core)) t = generate(lang, requester, intent);
    seen.add(t.core);
    const externalId = `demo-${String(n).padStart(4, "0")}`;
    const created = isNew
      ? newStart + (n - TRAIN) * int(90, 200) * 1000
      : trainStart + ((trainEnd - trainStart) * (n - 1)) / TRAIN + int(0, 240) * 60_000;
    const channel = pick(["email", "email", "web", "web", "mobile"]);
    const tags = [channel === "mobile" ? "mobile_app" : channel === "web" ? "web_form" : "email"];
    const base = {
      id: n,
      external_id: externalId,
      subject: t.subject,
      requester_id: requester.id,
      submitter_id: requester.id,
      created_at: iso(created),
      via: { channel: channel === "mobile" ? "mobile" : channel, source: {} },
    };
    count("language", t.lang);
    if (isNew) {
      count("split", "new");
      count("newQueue", t.queue);
      expected[externalId] = { queue: t.queue, priority: t.priority, type: t.type, language: t.lang };
      tickets.push({
        ...base,
        status: "new",
        group_id: groupId("Incoming"),
        tags,
        updated_at: iso(created),
        comments: [{ body: t.body, author_id: requester.id, created_at: iso(created) }],
      });
      continue;
    }
    // Older tickets are closed (Zendesk closes solved tickets after a few days); recent ones may still be solved.
    const status = n < TRAIN * 0.6 ? "closed" : chance(0.7) ? "solved" : "closed";
    count("split", status);
    count("queue", t.queue);
    count("priority", t.priority);
    count("type", t.type);
    const agent = pick(AGENTS);
    const solved = created + int(20, 60 * 24 * 4) * 60_000;
    const comments: Record<string, unknown>[] = [{ body: t.body, author_id: requester.id, created_at: iso(created) }];
    if (chance(0.8)) {
      const reply = `${pick(REPLIES[lang][t.queue])}\n\n${agent.name.split(" ")[0]}`;
      comments.push({ body: reply, author_id: agent.id, created_at: iso(solved) });
    }
    tickets.push({
      ...base,
      status,
      group_id: groupId(t.queue),
      priority: t.priority,
      type: t.type,
      assignee_id: agent.id,
      tags,
      updated_at: iso(solved + (status === "closed" ? 4 * 24 * 3_600_000 : 0)),
      comments,
    });
  }
  const users = [
    ...AGENTS,
    ...requesters.map((p) => ({ id: p.id, name: p.name, email: p.email, role: "end-user" as const })),
  ];
  return { seed: { groups: GROUPS, users, tickets }, expected, stats };
}

// ---------------------------------------------------------------------------------------------------
// Output: JSON laid out the way the repository's formatter (Biome) lays it out, so `biome check` passes
// on the generated files and a re-run gives the same bytes.

function toJson(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => typeof v !== "object" || v === null)) {
      const flat = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
      if (indent.length + flat.length < 100) return flat;
    }
    const inner = `${indent}  `;
    return `[\n${value.map((v) => inner + toJson(v, inner)).join(",\n")}\n${indent}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return "{}";
    const inner = `${indent}  `;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${toJson(v, inner)}`).join(",\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));
const { seed, expected, stats } = build();
const files = {
  [here("tickets.json")]: `${toJson(seed)}\n`,
  [here("expected.json")]: `${toJson(expected)}\n`,
};
if (process.argv.includes("--check")) {
  const stale = Object.entries(files).filter(([path, text]) => readFileSync(path, "utf8") !== text);
  for (const [path] of stale) console.error(`out of date: ${path} (run node examples/demo/generate.ts)`);
  process.exitCode = stale.length > 0 ? 1 : 0;
} else {
  for (const [path, text] of Object.entries(files)) writeFileSync(path, text);
  console.log(JSON.stringify(stats, null, 2));
}
