// Writes the Outlook messages (.msg, MS-OXMSG) of tests/components/ingest/test_outlook.py from
// the words below (our own, no one's article), with SheetJS's compound-file writer:
//   npm install cfb@1.2.2 && node make_msg.js
// story.msg: a plain-text body (a dateline, a quoted line, a signature), Unicode properties, its
// submit time, a text attachment, a PNG attachment and a forwarded message attached;
// ansi.msg: 8-bit properties in code page 1252 and an HTML body only; nodate.msg: no time, no body;
// rtf.msg: a compressed rich-text body only; badrtf.msg: a rich-text body of neither kind and an attachment.
const CFB = require("cfb");
const fs = require("fs");

const utf16 = (s) => Buffer.from(s, "utf16le");
const prop = (id, type) => "__substg1.0_" + id.toString(16).toUpperCase().padStart(4, "0") + type;
const FILETIME_1970 = 116444736000000000n;

// The fixed-size properties stream: a header of `head` bytes, then 16 bytes a property.
function properties(head, fixed) {
  const out = Buffer.alloc(head + 16 * fixed.length);
  fixed.forEach(([tag, value], i) => {
    const at = head + 16 * i;
    out.writeUInt32LE(tag >>> 0, at);
    out.writeUInt32LE(6, at + 4); // readable, writable
    if (typeof value === "bigint") out.writeBigUInt64LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  return out;
}
const filetime = (iso) => BigInt(Date.parse(iso)) * 10000n + FILETIME_1970;

function message(cfb, prefix, head, { subject, body, html, rtf, sender, time, codepage, attachments = [] }) {
  const text = codepage ? (s) => Buffer.from(s, "latin1") : utf16;
  const kind = codepage ? "001E" : "001F";
  const fixed = [];
  if (time) fixed.push([0x00390040, filetime(time)]);
  if (codepage) fixed.push([0x3ffd0003, codepage]);
  CFB.utils.cfb_add(cfb, prefix + "__properties_version1.0", properties(head, fixed));
  if (subject) CFB.utils.cfb_add(cfb, prefix + prop(0x0037, kind), text(subject));
  if (sender) CFB.utils.cfb_add(cfb, prefix + prop(0x0c1a, kind), text(sender));
  if (body) CFB.utils.cfb_add(cfb, prefix + prop(0x1000, kind), text(body));
  if (html) CFB.utils.cfb_add(cfb, prefix + prop(0x1013, "0102"), Buffer.from(html, "utf8"));
  if (rtf) CFB.utils.cfb_add(cfb, prefix + prop(0x1009, "0102"), rtf);
  attachments.forEach((a, n) => {
    const at = prefix + "__attach_version1.0_#" + n.toString(16).toUpperCase().padStart(8, "0") + "/";
    CFB.utils.cfb_add(cfb, at + "__properties_version1.0", properties(8, [[0x37050003, a.message ? 5 : 1]]));
    CFB.utils.cfb_add(cfb, at + prop(0x3707, "001F"), utf16(a.name));
    if (a.message) message(cfb, at + prop(0x3701, "000D") + "/", 24, a.message);
    else CFB.utils.cfb_add(cfb, at + prop(0x3701, "0102"), a.data);
  });
}

function write(file, spec) {
  const cfb = CFB.utils.cfb_new();
  message(cfb, "/", 32, spec);
  fs.writeFileSync(file, CFB.write(cfb, { type: "buffer" }));
}

write("story.msg", {
  subject: "RE: Fwd: Harbour fees to rise in spring",
  sender: "Wire Desk",
  time: "2024-10-08T09:30:00Z",
  body: "ROTTERDAM, Oct 8 (Dateline Wire) - The Northern Grain Board said on Tuesday that harbour fees\r\n" +
        "would rise in spring, citing the cost of dredging.\r\n\r\n" +
        "\"We cannot move cargo through a harbour that is full,\" spokeswoman Lena Marsh told reporters.\r\n" +
        "> an older message, quoted\r\n\r\n-- \r\nWire Desk, night shift\r\n",
  attachments: [
    { name: "background.txt", data: Buffer.from("The Civic Water Trust opened a new pumping station in Lagos on Monday.\n") },
    { name: "chart.png", data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
    { name: "Forwarded alert", message: { subject: "Rail talks resume", sender: "Alerts", time: "2024-10-07T18:00:00Z",
                                           body: "Andes Rail Company and the unions resumed talks in Lima on Monday.\r\n" } },
  ],
});
write("ansi.msg", {
  subject: "Caf\u00e9 owners protest in Li\u00e8ge", sender: "Bureau", codepage: 1252, time: "2024-09-30T07:00:00Z",
  html: "<html><head><meta charset=\"utf-8\"><title>x</title></head><body><nav>Home | News</nav><article>" +
        "<h1>Caf\u00e9 owners protest</h1><p>Caf\u00e9 owners marched through Li\u00e8ge on Monday against a new tax on " +
        "terraces, which the city council approved last week.</p><p>The council said the tax would pay for " +
        "wider pavements in the old town.</p></article></body></html>",
});
write("nodate.msg", { subject: "Empty note", sender: "Nobody" });
// the compressed RTF of [MS-OXRTFCP]'s example ("{\rtf1\ansi\ansicpg1252\pard hello world}\r\n")
const HELLO = "2d0000002b0000004c5a4675f1c5c7a703000a007263706731323542320af32068656c090020627705b06c647d0a800fa0";
write("rtf.msg", { subject: "Rich text only", sender: "Desk", time: "2024-10-01T08:00:00Z", rtf: Buffer.from(HELLO, "hex") });
write("badrtf.msg", { subject: "Broken rich text", sender: "Desk", rtf: Buffer.from("ABCDEFGHIJKLMNOPQRST", "latin1"),
                      attachments: [{ name: "note.txt", data: Buffer.from("The Civic Water Trust said pipes would be replaced.\n") }] });
