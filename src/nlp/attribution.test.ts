import { describe, expect, it } from 'vitest';
import { mentionsOf } from './relations/__fixtures__/mentions.js';
import { extractRelationsStrict } from './relations.js';
import { splitSentences } from './sentences.js';

/** Attributions with hand-made name mentions and the real sentence splitter ("Mr.", "(R-Ga.)", "?”"). */
function attributions(text: string, names: string[]) {
  const mentions = mentionsOf(text, names);
  const sentences = splitSentences(text);
  for (const m of mentions) m.sentence = sentences.find((x) => x.start <= m.start && m.end <= x.end)?.index ?? 0;
  const ex = extractRelationsStrict(text, sentences, mentions);
  const t = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  const byId = new Map(ex.mentions.map((m) => [m.id, m]));
  return ex.attributions.map((a) => ({ speaker: t(a.subject), cue: t(a.cue), content: t(a.content), mention: a.subject.mention, entity: a.subject.mention ? byId.get(a.subject.mention)?.text.replace(/\s+/g, ' ') : undefined }));
}

describe('nlp/attribution', () => {
  describe('extractAttributions', () => {
    const cases: { label: string; text: string; names: string[]; want: { speaker: string; cue: string; content: RegExp } }[] = [
      { label: 'X told a gathering that C', text: 'Schram told a news conference that Deutsche Texaco would not be affected.', names: ['Schram|person', 'Deutsche Texaco'], want: { speaker: 'Schram', cue: 'told', content: /^Deutsche Texaco would not be affected$/ } },
      { label: 'X, however, said C', text: 'Baker, however, said the IMF needs to move beyond macroeconomic indicators.', names: ['Baker|person', 'IMF'], want: { speaker: 'Baker', cue: 'said', content: /^the IMF needs to move beyond macroeconomic indicators$/ } },
      { label: 'X told Y the C', text: 'Brooks told Reuters the plan was dead.', names: ['Brooks|person', 'Reuters'], want: { speaker: 'Brooks', cue: 'told', content: /^the plan was dead$/ } },
      { label: 'X said that C', text: 'Fahrettin Altun said that Turkey retaliated against the regime.', names: ['Fahrettin Altun|person', 'Turkey|place'], want: { speaker: 'Fahrettin Altun', cue: 'said', content: /^Turkey retaliated against the regime$/ } },
      { label: '"C," X added', text: '\u201cWe urge the international community to act,\u201d Altun added.', names: ['Altun|person'], want: { speaker: 'Altun', cue: 'added', content: /We urge the international community to act/ } },
      { label: 'C, said X, apposition', text: 'Major platforms appeared to be blocked across Turkey, said NetBlocks, a civil society group.', names: ['Turkey|place', 'NetBlocks'], want: { speaker: 'NetBlocks', cue: 'said', content: /^Major platforms appeared to be blocked across Turkey$/ } },
      { label: 'according to X at the end', text: 'Seven civilians were killed in Idlib, according to the Syrian Observatory for Human Rights.', names: ['Idlib|place', 'Syrian Observatory for Human Rights'], want: { speaker: 'the Syrian Observatory for Human Rights', cue: 'according to', content: /^Seven civilians were killed in Idlib$/ } },
      { label: 'according to X at the start', text: 'According to the spokesman, the NATO secretary general condemned the strikes.', names: ['NATO'], want: { speaker: 'the spokesman', cue: 'According to', content: /^the NATO secretary general condemned the strikes$/ } },
      { label: 'X told Y that C', text: 'Omer Celik told CNN Turk that Ankara could no longer hold refugees.', names: ['Omer Celik|person', 'CNN Turk', 'Ankara|place'], want: { speaker: 'Omer Celik', cue: 'told', content: /^Ankara could no longer hold refugees$/ } },
      { label: 'speaker before an apposition', text: 'Chris Cox, who runs the lobbying arm of the NRA, says the actions would not help.', names: ['Chris Cox|person', 'NRA'], want: { speaker: 'Chris Cox, who runs the lobbying arm of the NRA', cue: 'says', content: /^the actions would not help$/ } },
      { label: 'quoted as saying', text: '\u201cThirty-three of our soldiers were martyred,\u201d Mr Dogan was quoted as saying.', names: ['Dogan|person'], want: { speaker: 'Mr Dogan', cue: 'saying', content: /Thirty-three of our soldiers were martyred/ } },
      { label: 'headline with a colon', text: 'Graham: Trump rhetoric is destroying the party.', names: ['Graham|person', 'Trump|person'], want: { speaker: 'Graham', cue: ':', content: /^Trump rhetoric is destroying the party$/ } },
      { label: 'stance verb with a named subject', text: 'Christie endorsed Trump on Friday in Texas.', names: ['Christie|person', 'Trump|person'], want: { speaker: 'Christie', cue: 'endorsed', content: /^Trump on Friday in Texas$/ } },
      { label: 'speaker with age and description', text: 'Marley Anderson, 21, a junior from Las Vegas, said she turned out to support Sanders.', names: ['Marley Anderson|person', 'Las Vegas|place', 'Sanders|person'], want: { speaker: 'Marley Anderson, 21, a junior from Las Vegas', cue: 'said', content: /^she turned out to support Sanders$/ } },
      { label: 'coordinated verb phrase keeps the sentence subject', text: 'Kasich offered the man a job, then says he will welcome advice.', names: ['Kasich|person'], want: { speaker: 'Kasich', cue: 'says', content: /^he will welcome advice$/ } },
      { label: 'coordinated verb phrase: the subject up to its first verb', text: 'The minister met the ambassador on Monday and urged Germany to act.', names: ['Germany|place'], want: { speaker: 'The minister', cue: 'urged', content: /to act$/ } },
      { label: 'coordinated verb phrase: the subject up to its auxiliary', text: 'Mr Houston is alleged to have said that drugs should be sold openly and proposed the legalisation of drugs and the sex trade.', names: ['Houston|person'], want: { speaker: 'Mr Houston', cue: 'proposed', content: /^the legalisation of drugs/ } },
      { label: 'saying wins over a verb of asking', text: 'A woman asked for a photo and Clinton said, \u201cas long as we are not violating any laws.\u201d', names: ['Clinton|person'], want: { speaker: 'Clinton', cue: 'said', content: /as long as we are not violating any laws/ } },
      { label: 'a title with "of State" before the speaker', text: 'U.S. Secretary of State Antony Blinken said the United States would coordinate with its allies.', names: ['U.S.|place', 'Antony Blinken|person', 'United States|place'], want: { speaker: 'U.S. Secretary of State Antony Blinken', cue: 'said', content: /^the United States would coordinate with its allies$/ } },
      { label: 'a day between the speaker and the cue', text: 'The United States on Thursday demanded that the Syrian regime end its operation.', names: ['United States|place'], want: { speaker: 'The United States', cue: 'demanded', content: /^the Syrian regime end its operation$/ } },
      { label: 'pronoun speaker', text: 'He said the talks would go on.', names: [], want: { speaker: 'He', cue: 'said', content: /^the talks would go on$/ } },
      { label: 'a quote, then the speaker and a circumstance', text: '\u201cThat is right, the whole country,\u201d Melanie said to the nominee, who began his speech.', names: ['Melanie|person'], want: { speaker: 'Melanie', cue: 'said', content: /^\u201cThat is right, the whole country,\u201d$/ } },
      { label: 'a quote, then the speaker and a participle', text: '\u201cWho would have believed it?\u201d Trump said, looking out on the cheering crowd.', names: ['Trump|person'], want: { speaker: 'Trump', cue: 'said', content: /Who would have believed it/ } },
      { label: 'a party tag between speaker and cue', text: 'Sen. David Perdue (R-Ga.) said he did not believe those characterizations.', names: ['David Perdue|person'], want: { speaker: 'Sen. David Perdue', cue: 'said', content: /^he did not believe those characterizations$/ } },
      { label: 'a title abbreviation and a name ending in -ing', text: 'Mr. King said the network paid well.', names: [], want: { speaker: 'Mr. King', cue: 'said', content: /^the network paid well$/ } },
      { label: "double single quotes around the quote", text: "''We need money to pay our producers,'' Mr. King said.", names: [], want: { speaker: 'Mr. King', cue: 'said', content: /We need money to pay our producers/ } },
      { label: 'a cue word as a noun inside the speaker phrase', text: 'The state\u2019s campaign chairman, Phil Lovas, said he cannot comment on the letter.', names: ['Phil Lovas|person'], want: { speaker: 'The state\u2019s campaign chairman, Phil Lovas', cue: 'said', content: /^he cannot comment on the letter$/ } },
      { label: 'an irregular past of a stance verb', text: 'The study found that turnout fell in the three largest counties.', names: [], want: { speaker: 'The study', cue: 'found', content: /^turnout fell in the three largest counties$/ } },
      { label: 'a quote that opened in the sentence before', text: '\u201cYou should resign. You should be investigated,\u201d Warren told Stumpf, after he admitted it.', names: ['Warren|person', 'Stumpf|person'], want: { speaker: 'Warren', cue: 'told', content: /^You should be investigated,\u201d$/ } },
      { label: 'a transcript turn by a speaker named in full', text: 'Mike Pence spoke to Fox.\n\n"PENCE: Well, look, Hillary Clinton thinks this is a game show.', names: ['Mike Pence|person', 'Fox', 'Hillary Clinton|person'], want: { speaker: 'PENCE', cue: ':', content: /^Well, look, Hillary Clinton thinks this is a game show$/ } },
      { label: 'a party tag and a description before the cue', text: 'Rep. Gregory W. Meeks (D-N.Y.), chairman of the Congressional Black Caucus PAC, said members will help him.', names: ['Gregory W. Meeks|person', 'Congressional Black Caucus PAC'], want: { speaker: 'Rep. Gregory W. Meeks (D-N.Y.), chairman of the Congressional Black Caucus PAC', cue: 'said', content: /^members will help him$/ } },
      { label: 'a conjunction opening the sentence before the speaker', text: 'But Megan Hester, senior associate at the Annenberg Institute, said parents still want neighborhood schools.', names: ['Megan Hester|person', 'Annenberg Institute'], want: { speaker: 'Megan Hester, senior associate at the Annenberg Institute', cue: 'said', content: /^parents still want neighborhood schools$/ } },
      { label: 'a name attached to the speaker by a preposition', text: 'Officials at Homeland Security Investigations, a division of Customs Enforcement, said they were concerned.', names: ['Homeland Security Investigations', 'Customs Enforcement'], want: { speaker: 'Officials at Homeland Security Investigations, a division of Customs Enforcement', cue: 'said', content: /^they were concerned$/ } },
      { label: 'an unnamed speaker of a profession', text: 'The family watched it on Thursday, attorneys for the family said.', names: [], want: { speaker: 'attorneys for the family', cue: 'said', content: /^The family watched it on Thursday$/ } },
      { label: 'a saying that ends its sentence with a colon', text: 'Limbaugh added:\n\nThis reeks of the greatest fear I have ever seen.', names: ['Limbaugh|person'], want: { speaker: 'Limbaugh', cue: 'added', content: /^This reeks of the greatest fear I have ever seen$/ } },
      { label: 'an adverb of time between the speaker and the cue', text: 'Cruz has long said that he qualifies as a natural-born citizen.', names: ['Cruz|person'], want: { speaker: 'Cruz', cue: 'said', content: /^he qualifies as a natural-born citizen$/ } },
      { label: 'a noun-like cue after a study and before a clause', text: 'A new poll shows that Donald Trump remains in a tight race.', names: ['Donald Trump|person'], want: { speaker: 'A new poll', cue: 'shows', content: /^Donald Trump remains in a tight race$/ } },
      { label: 'a stance whose clause runs into a saying read first', text: 'At the forum, Clinton called her vote a mistake, but she noted that Trump supported it.', names: ['Clinton|person', 'Trump|person'], want: { speaker: 'Clinton', cue: 'called', content: /^her vote a mistake$/ } },
      { label: 'a title in quotes before the speaker', text: 'In an interview on CBS\'s "Face the Nation," House Speaker Paul D. Ryan said the protests demand a response.', names: ['CBS', 'Paul D. Ryan|person'], want: { speaker: 'House Speaker Paul D. Ryan', cue: 'said', content: /^the protests demand a response$/ } },
      { label: 'a participle after a subject with titles', text: 'Democratic presidential nominee Hillary Clinton chimed in on Twitter, saying that the police should release the videos.', names: ['Hillary Clinton|person', 'Twitter'], want: { speaker: 'Hillary Clinton', cue: 'saying', content: /^the police should release the videos$/ } },
      { label: 'a name alone as what a stance is about', text: 'The chatter may simmer down now that Cruz has endorsed Trump.', names: ['Cruz|person', 'Trump|person'], want: { speaker: 'Cruz', cue: 'endorsed', content: /^Trump$/ } },
      { label: 'a noun-like cue before a clause after a phrase with a preposition', text: 'Data from the 2014 American Community Survey show that women represented 41 percent of the workforce.', names: ['American Community Survey'], want: { speaker: 'the 2014 American Community Survey', cue: 'show', content: /^women represented 41 percent of the workforce$/ } },
      { label: 'a stretch of time between the speaker and the cue', text: 'Wells Fargo just this month announced it would get rid of these incentives.', names: ['Wells Fargo'], want: { speaker: 'Wells Fargo', cue: 'announced', content: /^it would get rid of these incentives$/ } },
      { label: 'a circumstance after the cue', text: '\u201cIt is an invasion of the state regulatory domain,\u201d Scott Pruitt, the attorney general of Oklahoma, said at a Washington event this month.', names: ['Scott Pruitt|person', 'Oklahoma|place', 'Washington|place'], want: { speaker: 'Scott Pruitt, the attorney general of Oklahoma', cue: 'said', content: /It is an invasion of the state regulatory domain/ } },
      { label: 'a clause of its own after the saying', text: 'Convening the committee would take time, he said, and intense wrangling could be paralyzing.', names: [], want: { speaker: 'he', cue: 'said', content: /^Convening the committee would take time$/ } },
      { label: 'a subject with "and" and a preposition inside', text: 'Experts on North Korea and nuclear nonproliferation said the latest test could change that.', names: ['North Korea|place'], want: { speaker: 'Experts on North Korea and nuclear nonproliferation', cue: 'said', content: /^the latest test could change that$/ } },
      { label: 'a quotation signed after a dash', text: '\u201cHe cannot even answer a question without scaring people.\u201d \u2015 Esther Tapia', names: ['Esther Tapia|person'], want: { speaker: 'Esther Tapia', cue: '\u2015', content: /He cannot even answer a question/ } },
    ];
    for (const c of cases) {
      it(`should find: ${c.label}`, () => {
        const got = attributions(c.text, c.names);
        expect(got).toContainEqual(expect.objectContaining({ speaker: c.want.speaker, cue: c.want.cue, content: expect.stringMatching(c.want.content) }));
      });
    }

    it('should link the speaker span to its mention', () => {
      const got = attributions('Rahmi Dogan said the toll rose.', ['Rahmi Dogan|person']);
      expect(got[0]).toMatchObject({ speaker: 'Rahmi Dogan', mention: 'm0' });
    });

    it('should read the saying outside a quotation before a saying inside it', () => {
      const got = attributions('\u201cYou say you accept responsibility,\u201d Merkley said.', ['Merkley|person']);
      expect(got).toEqual([expect.objectContaining({ speaker: 'Merkley', cue: 'said', content: '\u201cYou say you accept responsibility,\u201d' })]);
    });

    it('should read no saying inside a quotation, one closed in a later sentence included', () => {
      const text =
        '\u201cHe says Hispanics live in hell. He said it over and over,\u201d Pamela Padilla said. "The decision was made that we would go on. Everything he says is wrong," Craig Prater said. " A spokesman said Downing Street had no comment.';
      const got = attributions(text, ['Pamela Padilla|person', 'Craig Prater|person', 'Downing Street|place']);
      expect(got.map((a) => a.speaker)).toEqual(['Pamela Padilla', 'Craig Prater', 'A spokesman']);
      // a straight quote before a clitic is an apostrophe, and one run into the cue still closes the quotation
      expect(attributions('Kuwait"s Oil Minister said there were no plans for an emergency meeting.', []).map((a) => a.cue)).toEqual(['said']);
      const run = attributions('"We support our NATO ally, Turkey, and call for a halt to this offensive"said a spokesman for the US State Department.', []);
      expect(run.map((a) => a.speaker)).toEqual(['a spokesman for the US State Department']);
    });

    it('should read a transcript by its labels, and not a heading in capitals', () => {
      const text = 'WALLACE: Will she be there tomorrow night?\n\nPENCE: She will not be at the debate.\n\nWALLACE: Do you see the two as equivalent?\n\nPENCE: I do not see them that way at all.';
      expect(attributions(text, [])).toContainEqual(expect.objectContaining({ speaker: 'WALLACE', cue: ':', content: 'Will she be there tomorrow night' }));
      const heading = 'UPDATE: The vote was moved to Tuesday afternoon.\n\nThe council met again.';
      expect(attributions(heading, []).filter((a) => a.cue === ':')).toEqual([]);
      const once = 'WALLACE: Will she be there tomorrow night?\n\nPENCE: She will not be at the debate.';
      expect(attributions(once, []).filter((a) => a.cue === ':')).toEqual([]);
    });

    it('should read a headline colon only after a named speaker or a study', () => {
      expect(attributions('The Latest: Trump taxes not from Connecticut, officials find.', ['Trump|person', 'Connecticut|place']).filter((a) => a.cue === ':')).toEqual([]);
      expect(attributions('Russia: Turkey broke the Sochi agreement on Idlib.', ['Russia|place', 'Turkey|place', 'Sochi|place', 'Idlib|place'])).toContainEqual(expect.objectContaining({ speaker: 'Russia', cue: ':' }));
      expect(attributions('Poll: Clinton and Trump in dead heat before the debate.', ['Clinton|person', 'Trump|person'])).toContainEqual(expect.objectContaining({ speaker: 'Poll', cue: ':' }));
    });

    it('should not read a cue word used as a noun, nor trying or seeming, as a saying', () => {
      const none = (text: string, names: string[]) => expect(attributions(text, names)).toEqual([]);
      none('The eventual appeals court ruling could decide the case.', []);
      none('The second spot features a New York Times report from over the weekend.', ['New York Times']);
      none('Clinton led Trump by 5 percentage points among likely voters.', ['Clinton|person', 'Trump|person']);
      none('The Clean Power Plan was designed to lower carbon emissions.', ['Clean Power Plan']);
      none('Hillary Clinton was trying to distract attention from the debate.', ['Hillary Clinton|person']);
      none('Melania seems to have vanished from the campaign trail.', ['Melania|person']);
      none('Republicans in Congress will continue their legislative attacks.', ['Congress']);
    });

    it('should keep phrasal stances and a saying that goes on', () => {
      expect(attributions('Former DNC chairman Howard Dean calls for a Clinton contingency plan.', ['DNC', 'Howard Dean|person', 'Clinton|person'])).toContainEqual(expect.objectContaining({ cue: 'calls' }));
      expect(attributions('The Republican nominee continues to insist that he wants to release his taxes.', [])).toContainEqual(expect.objectContaining({ cue: 'continues' }));
      expect(attributions('Limbaugh continued, \u201cThe left is saying it is so bad.\u201d', ['Limbaugh|person'])).toContainEqual(expect.objectContaining({ speaker: 'Limbaugh', cue: 'continued' }));
    });

    it('should not read a clause before the cue as its subject', () => {
      expect(attributions('In Washington and Moscow officials said the talks had failed.', ['Washington|place', 'Moscow|place']).filter((a) => a.speaker.startsWith('In'))).toEqual([]);
      expect(attributions('Prices rose and traders said the market was firm.', []).filter((a) => a.speaker.startsWith('Prices'))).toEqual([]);
    });

    it('should not widen a speaker over the capitalised words of a title-case headline', () => {
      const got = attributions('Microsoft Rushes Emergency Fix To Address Internet Explorer Attacks', ['Microsoft', 'Internet Explorer']);
      expect(got.filter((a) => a.entity && a.entity !== 'Microsoft')).toEqual([]);
    });

    it('should read no speaker in a passive', () => {
      expect(attributions('The Adana Agreement was signed between Turkey and Syria in 1998.', ['Adana Agreement', 'Turkey|place', 'Syria|place'])).toEqual([]);
      expect(attributions('Mr Dogan was quoted as saying the toll rose.', ['Dogan|person'])).toContainEqual(expect.objectContaining({ cue: 'saying' }));
    });

    it('should take the person an apposition names over a description of them', () => {
      const got = attributions('Head of the ministry\u2019s Center for the Reconciliation of Opposing Sides in Syria, Rear Admiral Oleg Zhuravlev, said Ankara had violated the deal.', ['Center for the Reconciliation of Opposing Sides', 'Syria|place', 'Oleg Zhuravlev|person', 'Ankara|place']);
      expect(got).toContainEqual(expect.objectContaining({ cue: 'said', entity: 'Oleg Zhuravlev' }));
    });

    it('should read no stance after a modal, but a saying', () => {
      expect(attributions('Charlotte officials should release the police videos without delay.', ['Charlotte|place'])).toEqual([]);
      expect(attributions('Officials would not say whether the talks had failed.', [])).toContainEqual(expect.objectContaining({ speaker: 'Officials', cue: 'say' }));
    });

    it('should not read finding a thing as a judgement', () => {
      expect(attributions('He found a ghost town of bombed out buildings.', []).filter((a) => a.cue === 'found')).toEqual([]);
      expect(attributions('Professor Justin Levitt found 31 incidents of voter impersonation.', ['Justin Levitt|person'])).toContainEqual(expect.objectContaining({ cue: 'found' }));
    });

    it('should prefer the reporting verb that frames a quote over verbs inside it', () => {
      const got = attributions('\u201cI know this game better than anybody,\u201d Trump said.', ['Trump|person']);
      expect(got).toEqual([expect.objectContaining({ speaker: 'Trump', cue: 'said' })]);
    });

    describe('the entity a speaker links to', () => {
      const cases: { label: string; text: string; names: string[]; cue: string; entity: string | undefined }[] = [
        // a name cut in two at a line break, or missed in part by the recogniser: the whole name
        { label: 'a name cut in two at a hard-wrapped line break', text: '\u201cThe recent remark by the Treasury Secretary that the accord\ndid not set any target ranges for the major currencies has\ncast a shadow on the agreement,\u201d said Koji\nKidokoro, general manager of Mitsui Bank.', names: ['Koji|person', 'Kidokoro|person', 'Mitsui Bank'], cue: 'said', entity: 'Koji Kidokoro' },
        { label: 'a name is not widened over the start of a new paragraph', text: 'The price will rise, said Sanford Margoshes of Northwind Brothers Inc.\n    BP earlier today told reporters it would tender for the shares.', names: ['Sanford Margoshes|person', 'Northwind Brothers Inc.', 'BP'], cue: 'said', entity: 'Sanford Margoshes' },
        { label: 'a surname with its given name outside the mention', text: 'White House Budget Director James Miller said the plan was deficient.', names: ['White House|place', 'Miller|person'], cue: 'said', entity: 'James Miller' },
        { label: 'an organisation whose name the recogniser cut', text: 'Baker met Stoltenberg in Frankfurt on Monday, a Bonn Finance Ministry spokesman said.', names: ['Baker|person', 'Stoltenberg|person', 'Frankfurt|place', 'Bonn|place', 'Ministry'], cue: 'said', entity: 'Finance Ministry' },
        { label: 'the first words of an organisation left out', text: 'Malaysia has asked Japan for a loan, the Overseas Economic Cooperation Fund said.', names: ['Malaysia|place', 'Japan|place', 'Cooperation Fund'], cue: 'said', entity: 'Overseas Economic Cooperation Fund' },
        // a place or nationality describes the speaker: no source
        { label: 'a country before "officials"', text: 'Baldrige has asked the White House to block the sale, U.S. officials said.', names: ['Baldrige|person', 'White House|place', 'U.S.|place'], cue: 'said', entity: undefined },
        { label: 'a nationality tagged as an organisation', text: 'West German officials said they could make no comment on the remarks.', names: ['West German'], cue: 'said', entity: undefined },
        // one of several speakers: no source
        { label: 'the last of coordinated names', text: 'The governors of Sao Paulo, Rio de Janeiro and Minas Gerais told a news conference they want changes.', names: ['Sao Paulo|place', 'Rio de Janeiro|place', 'Minas Gerais|place'], cue: 'told', entity: undefined },
        { label: 'the last of "neither … nor …"', text: 'Neither Pennzoil nor Texaco has said that any talks were underway.', names: ['Pennzoil', 'Texaco'], cue: 'said', entity: undefined },
        // the person the phrase is about, not a word of the description
        { label: 'the subject of a participle, not its first word', text: 'Senate Democratic leader Robert Byrd, pointing to panic selling, urged President Reagan to act.', names: ['Senate Democratic', 'Robert Byrd|person', 'Reagan|person'], cue: 'pointing', entity: 'Robert Byrd' },
        { label: 'a name before its unclosed apposition', text: 'Talks between France and Iran have made progress, Roland Dumas, head of a parliamentary Foreign Affairs Committee said.', names: ['France|place', 'Iran|place', 'Roland Dumas|person', 'Foreign Affairs Committee'], cue: 'said', entity: 'Roland Dumas' },
        // the object of a preposition is not the speaker; a name in an apposition is
        { label: 'a place after "in" in the speaker phrase', text: 'Earlier, U.S. officials with Shultz in Peking said he would go to Moscow.', names: ['U.S.|place', 'Shultz|person', 'Peking|place', 'Moscow|place'], cue: 'said', entity: undefined },
        { label: 'a title\'s holder after "to" and its organisation', text: "Syria's Ambassador to the United Nations Bashar al-Jaafari said the strikes were illegal.", names: ['Syria|place', 'United Nations', 'Bashar al-Jaafari|person'], cue: 'said', entity: 'Bashar al-Jaafari' },
        { label: 'a fronted phrase before the speaker', text: 'In a television interview yesterday prime minister Bob Hawke said he might call an early election.', names: ['Bob Hawke|person'], cue: 'said', entity: 'Bob Hawke' },
        { label: 'a name before an indefinite description', text: 'The bill opens markets, Ways and Means chairman Dan Rostenkowski, an Illinois Democrat said.', names: ['Ways and Means', 'Dan Rostenkowski|person', 'Illinois Democrat|place'], cue: 'said', entity: 'Dan Rostenkowski' },
        { label: 'the person an apposition names, not the possessor before it', text: "Zorinsky's replacement, Republican David Karnes, has said he would like a seat on the panel.", names: ['Zorinsky|person', 'David Karnes|person'], cue: 'said', entity: 'David Karnes' },
        { label: 'a day opening a newspaper\'s name', text: 'Signs of impatience are growing, the Sunday Telegraph reported.', names: ['Telegraph'], cue: 'reported', entity: 'Sunday Telegraph' },
        { label: 'a title and a name after the cue: the name', text: '"We can help mass-market adoption," said AOL chief executive Jonathan Miller.', names: ['AOL', 'Jonathan Miller|person'], cue: 'said', entity: 'Jonathan Miller' },
        { label: "a possessor and a name after the cue: the name", text: '"He is not dissatisfied," said Fairchild\'s Bill Fulwider.', names: ['Fairchild', 'Bill Fulwider|person'], cue: 'said', entity: 'Bill Fulwider' },
        // a one-word name the document gives in full
        { label: 'a given name alone after the full name', text: 'Koji Kidokoro arrived on Monday. Koji said the yen would rise.', names: ['Koji Kidokoro|person', 'Koji|person'], cue: 'said', entity: 'Koji Kidokoro' },
        { label: 'the head word of one organisation', text: 'The Finance Ministry raised its forecast. A Ministry spokesman said more would follow.', names: ['Finance Ministry', 'Ministry'], cue: 'said', entity: 'Finance Ministry' },
        { label: 'the head word of two organisations', text: 'The Finance Ministry and the Foreign Ministry met. A Ministry spokesman said more would follow.', names: ['Finance Ministry', 'Foreign Ministry', 'Ministry'], cue: 'said', entity: undefined },
        // unchanged: titles, honorifics, a country as the speaker, an organisation's spokesman
        { label: 'a title before the name is not the name', text: 'U.S. Treasury Secretary James Baker said he opposed the tax.', names: ['U.S.|place', 'James Baker|person'], cue: 'said', entity: 'James Baker' },
        { label: "a party's member before the name is not the name", text: 'Democrat Walter Mondale said taxes would have to rise.', names: ['Walter Mondale|person'], cue: 'said', entity: 'Walter Mondale' },
        { label: 'an honorific before the name is not the name', text: 'Tory spokesman Mr Lewis said the posters were offensive.', names: ['Lewis|person'], cue: 'said', entity: 'Lewis' },
        { label: 'a country that speaks', text: 'Iraq said its forces had repelled the attack.', names: ['Iraq|place'], cue: 'said', entity: 'Iraq' },
        { label: "an organisation's spokesman", text: 'The dollar will rebound soon, a Treasury spokesman said.', names: ['Treasury'], cue: 'said', entity: 'Treasury' },
        { label: 'an "X-based" word before the name', text: 'The Geneva-based WHO declared an emergency.', names: ['WHO'], cue: 'declared', entity: 'WHO' },
      ];
      for (const c of cases) {
        it(`should link ${c.entity ?? 'no entity'}: ${c.label}`, () => {
          const got = attributions(c.text, c.names).filter((a) => a.cue === c.cue);
          expect(got).toHaveLength(1);
          expect(got[0]!.entity).toBe(c.entity);
        });
      }

      it('should read a headline colon after an organisation only when the story names it again', () => {
        const heading = 'Veto Power Impedes Peace Efforts: Eliminating the scourge of war is one of the original goals of the United Nations.';
        expect(attributions(heading, ['Veto Power Impedes Peace Efforts', 'United Nations']).map((a) => a.cue)).not.toContain(':');
        const speaker = 'Pentagon: Strikes on the militia will continue for weeks. The Pentagon said so on Friday.';
        expect(attributions(speaker, ['Pentagon'])).toContainEqual(expect.objectContaining({ speaker: 'Pentagon', cue: ':' }));
      });

      it('should read no saying whose content is an auxiliary left over from a comparison or a question', () => {
        const got = attributions('First, maybe he is not as rich as he says he is. Second, maybe he is not as charitable as he claims to be.', []);
        expect(got).toEqual([]);
        const quoted = attributions('\u201cI would,\u201d Melanie said to the TV.', ['Melanie|person']);
        expect(quoted).toContainEqual(expect.objectContaining({ speaker: 'Melanie', cue: 'said' }));
      });

      it('should take what follows the colon as what was said after a circumstance of the saying', () => {
        const got = attributions('French President Francois Hollande said Friday as he entered the talks: "Let everyone know that Europe must be able to defend itself."', ['Francois Hollande|person']);
        expect(got).toContainEqual(expect.objectContaining({ cue: 'said', content: '"Let everyone know that Europe must be able to defend itself."' }));
        const statement = attributions('The Muslim Council of Britain said in a statement: "We are greatly concerned."', ['Muslim Council of Britain']);
        expect(statement).toContainEqual(expect.objectContaining({ cue: 'said', content: '"We are greatly concerned."' }));
        // not over another saying or a clause of its own
        const added = attributions('Mr Boyd said the arrest was a great coup but he added: "I am not going to say we have sorted the problem."', ['Boyd|person']);
        expect(added.find((a) => a.cue === 'said')?.content).toMatch(/^the arrest was a great coup/);
        const clause = attributions('He said that the rule was clear: "No exceptions."', []);
        expect(clause[0]?.content).toMatch(/^the rule was clear/);
      });

      it('should take the quotation that follows for what was said when a saying ends its sentence on a circumstance', () => {
        const text = 'Chief operating officer James Dimon said in the letter.\n"Slavery was tragically ingrained in American society," the letter went on.';
        const got = attributions(text, ['James Dimon|person']);
        expect(got).toContainEqual(expect.objectContaining({ cue: 'said', content: expect.stringMatching(/^"Slavery was tragically ingrained/) }));
        // what comes before the speaker is still what was said, and a sentence after that is no quotation is not taken
        expect(attributions('Prices will rise, the company said in a statement.\n"We are ready," it added.', [])).toContainEqual(expect.objectContaining({ speaker: 'the company', content: 'Prices will rise' }));
        expect(attributions('The company said in a statement.\nNothing more was said.', []).filter((a) => a.cue === 'said' && a.speaker === 'The company')).toEqual([]);
        // a day before the circumstance, or alone
        for (const first of ['Hollande said Friday as he entered the talks.', 'Hollande said Friday.']) {
          const day = attributions(`${first}\n"Europe must be able to defend itself," he added.`, ['Hollande|person']);
          expect(day).toContainEqual(expect.objectContaining({ speaker: 'Hollande', content: expect.stringMatching(/^"Europe must be able/) }));
        }
      });

      it('should not take a conjunction alone for a speaker', () => {
        const got = attributions('But given that Football Manager 2005 is by and large the game that everybody knows and loves, how does this new version shape up?', ['Football Manager']);
        expect(got.map((a) => a.speaker)).not.toContain('But');
      });

      it('should not take a month alone for a speaker', () => {
        const got = attributions('More recently, federal prosecutors in April charged two Vermont developers with defrauding investors.', ['April', 'Vermont|place']);
        expect(got.map((a) => a.speaker)).not.toContain('April');
      });

      it('should read a plural cue form before a verb as the head of its speaker ("an analysis of reports shows")', () => {
        const got = attributions('A USA TODAY analysis of campaign-finance reports shows donations to super PACs hit nearly $1.1 billion.', ['USA TODAY']);
        expect(got.map((a) => [a.speaker, a.cue])).toEqual([['A USA TODAY analysis of campaign-finance reports', 'shows']]);
      });

      it('should read no speaker for a participle whose agent follows it ("a study released on Tuesday by …")', () => {
        const got = attributions('An exhaustive study released on Tuesday by a group of researchers shows how companies shelter profits.', []);
        expect(got.map((a) => a.cue)).not.toContain('released');
        const means = attributions('Trump responded by using the example of Chicago to prove his point.', ['Trump|person', 'Chicago|place']);
        expect(means.map((a) => [a.speaker, a.cue])).toEqual([['Trump', 'responded']]);
      });

      it('should not read a capitalised noun form after a name as a cue ("the United States")', () => {
        const got = attributions('There is a good chance that the United States and Latin America will agree reforms, Mexican Finance Minister Gustavo Petricioli said.', ['United', 'Latin America|place', 'Mexican|place', 'Gustavo Petricioli|person']);
        expect(got.map((a) => a.cue)).not.toContain('States');
        expect(got).toContainEqual(expect.objectContaining({ cue: 'said', entity: 'Gustavo Petricioli' }));
      });
    });

    it('should read no speaker in a phrase after "to" (a verb\'s object), but keep the one of "according to"', () => {
      const got = attributions('One Republican threatened to make Kadzik testify in a public setting, should he fail to get them the information.', ['Kadzik|person']);
      expect(got.filter((a) => /^(make|help)\b/.test(a.speaker))).toEqual([]);
      const study = attributions('About 14 million households have digital TV, according to the communications regulator Ofcom.', ['Ofcom']);
      expect(study).toContainEqual(expect.objectContaining({ speaker: 'the communications regulator Ofcom' }));
    });

    const negatives: { label: string; text: string; names: string[] }[] = [
      { label: 'a dateline is not a speaker', text: 'LONDON: At least 33 Turkish soldiers were killed in Idlib.', names: ['LONDON|place', 'Idlib|place'] },
      { label: 'a noun "report" is not a cue', text: 'The report on the strikes was published in Idlib.', names: ['Idlib|place'] },
      { label: 'a weekday after the cue is not a speaker', text: 'Rahmi Dogan, governor of Hatay, said Friday.', names: ['Rahmi Dogan|person', 'Hatay|place'] },
      { label: 'no cue at all', text: 'Turkey retaliated with strikes against the regime.', names: ['Turkey|place'] },
      { label: 'a speaker phrase cannot open with a preposition', text: 'In Yemen, a military coalition led by Saudi Arabia and backed by the West is implicated in the bombing of schools and hospitals.', names: ['Yemen|place', 'Saudi Arabia|place', 'West'] },
      { label: 'a speaker phrase cannot end with a determiner', text: 'The resilient people of New Jersey and New York became the intended targets of hate-fueled terror.', names: ['New Jersey|place', 'New York|place'] },
      { label: 'a speaker phrase cannot end with a preposition', text: 'Bryan Pagliano was held in contempt of Congress for refusing to show up to a hearing.', names: ['Bryan Pagliano|person', 'Congress'] },
    ];
    for (const c of negatives) {
      it(`should not find: ${c.label}`, () => {
        const got = attributions(c.text, c.names).filter((a) => a.speaker !== 'Rahmi Dogan, governor of Hatay');
        expect(got).toEqual([]);
      });
    }
  });
});
