// Writes CyberTipline documents with @civitai/cybertipline-tools 0.1.0, as a provider using it
// would send them, for vigie-formats' CyberTipInteropIT:  node generate.mjs OUT_DIR
//
// Each sub-folder of OUT_DIR is one batch (a report document and the fileDetails documents
// beside it). Every value is synthetic: invented people, documentation IP ranges, example.*
// domains. CyberTipInteropIT asserts where each value lands; change both together.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildNonInternetIncident,
  buildPeer2peerIncident,
  buildReport,
  buildSubmitFileDetails,
  IncidentType,
} from '@civitai/cybertipline-tools';

const out = process.argv[2];
if (!out) {
  console.error('usage: node generate.mjs OUT_DIR');
  process.exit(2);
}

function write(batch, name, xml) {
  mkdirSync(join(out, batch), { recursive: true });
  writeFileSync(join(out, batch, name), xml, 'utf8');
}

const at = (iso) => new Date(iso);

const reporter = {
  reportingPerson: {
    firstName: 'Camille',
    lastName: 'Modératrice',
    email: [{ email: 'trust@example.com', type: 'Work', verified: true }],
    phone: [{ number: '+1 202 555 0100', type: 'Work' }],
  },
  contactPerson: {
    firstName: 'Dominique',
    lastName: 'Contact',
    email: [{ email: 'legal@example.com' }],
  },
  companyTemplate: 'tpl-a',
  termsOfService: 'https://example.com/tos',
  legalUrl: 'https://example.com/legal',
};

// --- full/: one report with every field the encoder writes, and two files -------------------
write('full', 'report.xml', buildReport({
  incidentSummary: {
    incidentType: IncidentType.OnlineEnticement,
    escalateToHighPriority: 'true',
    reportAnnotations: { sextortion: true, csamSolicitation: true, minorToMinorInteraction: true,
      spam: false },
    incidentDateTime: at('2024-03-10T21:45:10.250Z'),
    incidentDateTimeDescription: 'first message seen',
  },
  incidentDetails: {
    webPageIncidents: [{ url: ['https://forum.example.com/t/1', 'https://forum.example.com/t/2'],
      thirdPartyHostedContent: true, additionalInfo: 'web page note' }],
    emailIncidents: [{ emailAddress: [{ email: 'sender@example.org', type: 'Home' }],
      content: 'mail body', additionalInfo: 'mail note' }],
    newsgroupIncidents: [{ name: 'alt.example', emailAddress: [{ email: 'poster@example.net' }],
      content: 'post body', additionalInfo: 'newsgroup note' }],
    chatImIncidents: [{ chatClient: 'ExampleChat', chatRoomName: 'room-7', content: 'chat log',
      additionalInfo: 'chat note' }],
    onlineGamingIncidents: [{ gameName: 'Example Quest', console: 'PC', content: 'game chat',
      additionalInfo: 'game note' }],
    cellPhoneIncidents: [{ phoneNumber: { number: '06 98 76 54 32', countryCallingCode: '+33' },
      latitude: 45.75, longitude: 4.85, additionalInfo: 'phone note' }],
  },
  lawEnforcement: {
    agencyName: 'Example Agency',
    caseNumber: 'CASE-42',
    officerContact: { firstName: 'Alex', lastName: 'Officier', email: [{ email: 'officer@example.org' }] },
    reportedToLe: true,
    servedLegalProcessDomestic: false,
    servedLegalProcessInternational: { fleaCountry: 'FR' },
  },
  reporter,
  personOrUserReported: {
    personOrUserReportedPerson: {
      firstName: 'Jean',
      lastName: 'Fictif',
      email: [{ email: 'J.Fictif+x@googlemail.com', type: 'Home', verified: true,
        verificationDate: at('2024-01-05T08:00:00Z') }, { email: 'jean.fictif@example.org' }],
      phone: [{ number: '06 12 34 56 78', type: 'Mobile', countryCallingCode: '+33',
        extension: '7', verified: false }],
      address: [{ type: 'Home', address: '1 rue de l\'Exemple', city: 'Lyon', zipCode: '69003',
        nonUsaState: 'Rhône', country: 'FR' }],
      age: 34,
      dateOfBirth: at('1990-02-28T00:00:00Z'),
    },
    vehicleDescription: 'red van',
    espIdentifier: 'u-7781',
    espService: 'ExampleChat',
    screenName: 'jf_1990',
    displayName: ['JF', 'Jeannot'],
    profileUrl: ['https://chat.example.com/u/7781'],
    ipCaptureEvent: [
      { ipAddress: '192.0.2.7', eventName: 'Login', dateTime: at('2024-03-10T19:40:00Z'),
        possibleProxy: false, port: 443 },
      { ipAddress: '2001:DB8:0:0:0:0:0:1', eventName: 'Upload', dateTime: at('2024-03-10T19:55:30Z'),
        possibleProxy: true, port: 51413 },
      { ipAddress: '::ffff:198.51.100.23', eventName: 'Registration' },
    ],
    deviceId: [
      { idType: 'IMEI', idValue: 'IMEI-35-209900-176148-1', eventName: 'Login',
        dateTime: at('2024-03-10T19:40:00Z') },
      { idType: 'SSID', idValue: 'Example-WiFi' },
    ],
    thirdPartyUserReported: false,
    priorCTReports: [150000001],
    groupIdentifier: 'grp-1',
    estimatedLocation: { city: 'Lyon', region: 'ARA', countryCode: 'FR', verified: false,
      timestamp: at('2024-03-10T20:00:00Z') },
    additionalInfo: 'reported person note',
  },
  intendedRecipient: [{
    intendedRecipientPerson: { firstName: 'Zoé', email: [{ email: 'zoe@example.net' }], age: 13 },
    espIdentifier: 'u-9001',
    espService: 'ExampleChat',
    screenName: 'zoe_13',
    displayName: ['Zoé'],
    profileUrl: ['https://chat.example.com/u/9001'],
    ipCaptureEvent: [{ ipAddress: '203.0.113.9', eventName: 'Other', port: 8080,
      dateTime: at('2024-03-09T10:00:00Z') }],
    deviceId: [{ idType: 'ICCID', idValue: 'ICCID-8933-0000-1111' }],
    groupIdentifier: 'grp-2',
    accountTemporarilyDisabled: { disabledDate: at('2024-03-11T00:00:00Z'),
      reenabledDate: at('2024-03-12T00:00:00Z') },
    estimatedLocation: { city: 'Villeurbanne', countryCode: 'FR' },
    additionalInfo: 'recipient note',
  }],
  victim: [
    {
      victimPerson: { firstName: 'Léa', lastName: 'Exemple', age: 12,
        dateOfBirth: at('2011-06-01T00:00:00Z'),
        address: [{ city: 'Villeurbanne', zipCode: '69100', country: 'FR' }] },
      screenName: 'lea_12',
      ipCaptureEvent: [{ ipAddress: '2001:db8::beef', port: 993, eventName: 'Login',
        dateTime: at('2024-03-08T07:00:00Z') }],
      deviceId: [{ idType: 'IMEI', idValue: 'IMEI-VICTIM-1' }],
      schoolName: 'Collège Exemple',
      additionalInfo: 'victim note',
    },
    { victimPerson: { firstName: 'Noé' }, espIdentifier: 'u-3', schoolName: 'École Exemple' },
  ],
  additionalInfo: 'report note',
}));

write('full', 'file-1.xml', buildSubmitFileDetails({
  reportId: 150000123,
  fileId: '0123456789abcdef0123456789abcdef',
  originalFileName: 'img_001.jpg',
  locationOfFile: 'https://cdn.example.com/img_001.jpg',
  fileViewedByEsp: true,
  exifViewedByEsp: false,
  publiclyAvailable: false,
  fileRelevance: 'Reported',
  fileAnnotations: { possibleSelfProduction: true, generativeAi: true, viral: false },
  industryClassification: 'A2',
  originalFileHash: [
    { hashType: 'MD5', value: 'D41D8CD98F00B204E9800998ECF8427F' },
    { hashType: 'SHA1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80708' },
  ],
  ipCaptureEvent: { ipAddress: '2001:db8:0:0:1:0:0:1', eventName: 'Upload', port: 8443,
    dateTime: at('2024-03-10T19:56:00Z') },
  deviceId: [{ idType: 'IMEI', idValue: 'IMEI-UPLOAD-1', eventName: 'Upload' }],
  details: [{ type: 'EXIF', valuePair: [{ name: 'Make', value: 'ExampleCam' }] }],
  additionalInfo: ['file note one', 'file note two'],
}));

write('full', 'file-2.xml', buildSubmitFileDetails({
  reportId: 150000123,
  fileId: 'fedcba9876543210fedcba9876543210',
  originalFileName: 'clip.mp4',
  fileRelevance: 'Supplemental Reported',
  industryClassification: 'B1',
  originalFileHash: [{ hashType: 'SHA256',
    value: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }],
  ipCaptureEvent: { ipAddress: '198.51.100.200', port: 65535 },
  details: [{ type: 'HASH', valuePair: [{ name: 'PDQ', value: 'f8f8' }] }],
}));

// --- types/: one small report per incident type (the encoder's own labels) ------------------
Object.entries(IncidentType).forEach(([key, label], i) => {
  write(`types/${key}`, 'report.xml', buildReport({
    incidentSummary: { incidentType: label,
      incidentDateTime: at(`2024-04-0${(i % 9) + 1}T12:00:00.000Z`) },
    reporter: { reportingPerson: { email: [{ email: `trust+${i}@example.com` }] } },
    personOrUserReported: { screenName: `suspect_${key}`,
      ipCaptureEvent: [{ ipAddress: `192.0.2.${i + 10}`, port: 1000 + i }] },
  }));
});

// --- dropped/: buildReport is given peer-to-peer and non-internet incidents --------------------
// (its type has them; 0.1.0 writes neither), spliced/: the same incidents written by the
// encoder's own builders, put into internetDetails by hand as a provider working around it would.
const p2p = { client: 'ExampleTorrent',
  ipCaptureEvent: [{ ipAddress: '2001:db8::42', port: 6881, eventName: 'Upload',
    dateTime: at('2024-05-01T08:00:00Z') }, { ipAddress: '198.51.100.77', port: 51413 }],
  fileNames: 'a.jpg b.jpg', additionalInfo: 'p2p note' };
const nonInternet = { locationName: 'Parc Exemple',
  incidentAddress: [{ city: 'Lille', zipCode: '59000', country: 'FR', type: 'Business' }],
  additionalInfo: 'place note' };
const small = {
  incidentSummary: { incidentType: IncidentType.ChildPornography,
    incidentDateTime: at('2024-05-01T09:00:00Z') },
  reporter: { reportingPerson: { email: [{ email: 'trust@example.com' }] } },
};
write('dropped', 'report.xml', buildReport({ ...small,
  incidentDetails: { peer2peerIncidents: [p2p], nonInternetIncidents: [nonInternet] } }));
write('spliced', 'report.xml', buildReport(small).replace('</incidentSummary>',
  `</incidentSummary><internetDetails>${buildPeer2peerIncident(p2p)}</internetDetails>`
  + `<internetDetails>${buildNonInternetIncident(nonInternet)}</internetDetails>`));

// --- digits/: text made only of digits goes through the encoder's XML parser, which reads it
// as a number: leading zeros and '+' are lost, long digit strings come out in e-notation.
write('digits', 'report.xml', buildReport({ ...small,
  personOrUserReported: {
    personOrUserReportedPerson: { phone: [{ number: '0612345678' }, { number: '+33698765432' }],
      address: [{ zipCode: '01000', city: 'Bourg' }] },
    espIdentifier: '007123',
    screenName: '0042',
    deviceId: [{ idType: 'IMEI', idValue: '013456789012345' }],
  },
}));
// digit-hash/: the same parser turns an all-digit hash into "1": Vigie must refuse the record.
write('digit-hash', 'report.xml', buildReport(small));
write('digit-hash', 'file.xml', buildSubmitFileDetails({ reportId: 150000124,
  fileId: '00000000000000000000000000000001',
  originalFileHash: [{ hashType: 'MD5', value: '00000000000000000000000000000001' }] }));

// --- no-report-id/: fileDetails written before the report had a number ----------------------
write('no-report-id', 'report.xml', buildReport(small));
write('no-report-id', 'file.xml', buildSubmitFileDetails({ fileId: 'aaaabbbbccccddddaaaabbbbccccdddd',
  originalFileName: 'a.png', originalFileHash: [{ hashType: 'MD5',
    value: '0cc175b9c0f1b6a831c399e269772661' }] }));

// --- ampersand/: the encoder writes text with its entities unescaped (processEntities: false)
write('ampersand', 'report.xml', buildReport({ ...small, additionalInfo: 'Tom & Jerry <3' }));
