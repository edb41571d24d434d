"""Quotes read as source–cue–content: the speaker is the subject of the cue, never its object, the
addressee, the channel or the group a person attacks; people are learned from the article; the
channel and the statement a quote belongs to are kept apart. Each row is a small capture (all
names of people not in the alias store are invented)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive.build import corpus_context
from archive.ingest import ingest_file
from tests.conftest import REPO

HEADER = "Militias Trade Words Over the Talks\n\nBy Jane Example\n\nFeb 15, 2024\n\n"

CASES = [
    (
        "MEMRI's spelling: an ayn as an apostrophe opening a word, an apposition ending at a parenthesis",
        "On Monday, Abu 'Ali Al-'Askari, the security official of the Iraqi militia Kata'ib Hizbullah "
        "(Hizbullah Brigades, KH), posted a statement on his Telegram channel.\n\n"
        "Al-'Askari wrote that the militias “have been patient, and patience is not weakness.”",
        [("have been patient", "Abu Ali al-Askari", "Kataib Hezbollah", "Telegram", "2024-02-12")],
    ),
    (
        "'It was … shared on the Telegram channels' places the statement; 'Before …, the statement warns' goes on with it",
        "On Sunday, the Iraqi Resistance Coordination Committee issued a four-paragraph statement. It was signed "
        "by the committee as a whole and shared on the Telegram channels of its member factions.\n\n"
        "The pledge is standard. Before it turns to its weapons, the statement warns against dragging Iraq into "
        "“axes that do not serve its people.”",
        [("axes that do not serve", "Iraqi Resistance Coordination Committee", None, "Telegram", "2024-02-11")],
    ),
    (
        "'He said AAH had responded “…”': the leader speaks for his group; the top judge is an outsider",
        "The head of the Supreme Judicial Council, Faiq Zaidan, urged the factions to “cooperate in enforcing "
        "the rule of law.”\n\n"
        "Qais al-Khazali set a different tone in a televised address on Saturday. He said Asaib Ahl al-Haq had "
        "responded to the judiciary's call “out of national responsibility, not out of fear.”",
        [("out of national responsibility", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-10")],
    ),
    (
        "a lead's quotes take the channel of the statement the next paragraph places",
        "Kataib Hezbollah on Tuesday warned against what it described as “any foreign role” in the "
        "restructuring of the PMF.\n\n"
        "In a statement published on its Telegram channel, the group said that the PMF “belongs to those "
        "who defended Iraq when the armies collapsed.”",
        [("any foreign role", "Kataib Hezbollah", None, "Telegram", "2024-02-13"),
         ("belongs to those", "Kataib Hezbollah", None, "Telegram", "2024-02-13")],
    ),
    (
        "a transcript labelled by name: each answer is the interviewee's, of the broadcast's day and channel",
        "In an interview that aired on al-Ahd TV on Sunday, Qais al-Khazali said the weapons question "
        "would be settled in Baghdad.\n\n"
        "Interviewer: Kataib Hezbollah said yesterday that “the weapons of the resistance are not on the table.” "
        "Do you agree?\n\n"
        "Qais Al-Khazali: The brothers in Kataib Hezbollah have their view, and it is their right, and we do "
        "not speak on their behalf.\n\n"
        "Interviewer: And the sanctions?\n\n"
        "Qais Al-Khazali: They have tried sanctions before, and the Americans lost what remained of their credibility.",
        [("the weapons of the resistance", "Kataib Hezbollah", None, None, "2024-02-10"),
         ("The brothers in Kataib", "Qais al-Khazali", "Asaib Ahl al-Haq", "al-Ahd TV", "2024-02-11"),
         ("They have tried sanctions", "Qais al-Khazali", "Asaib Ahl al-Haq", "al-Ahd TV", "2024-02-11")],
    ),
    (
        "a statement log: weekday headings without a year date their items; an item's label is no subject",
        "Monday, February 12\n\n- Kataib Hezbollah (reported): A KH commander, speaking to Reuters on condition "
        "of anonymity, said the group was “ready to discuss everything except the dignity of the resistance.”\n\n"
        "Tuesday, February 13\n\n- Kataib Hezbollah: KH security official Abu Ali al-Askari denied on Telegram that "
        "any commander had spoken, calling the report “a fabrication from the kitchens of the embassy.”\n\n"
        "- Iraqi Resistance Coordination Committee: In its first statement since January, the committee said the "
        "weapons “are a guarantee, not a burden.”",
        [("ready to discuss", None, "Kataib Hezbollah", "Reuters", "2024-02-12"),
         ("a fabrication", "Abu Ali al-Askari", "Kataib Hezbollah", "Telegram", "2024-02-13"),
         ("are a guarantee", "Iraqi Resistance Coordination Committee", None, None, "2024-02-13")],
    ),
    (
        "quoted words set as a title are no quote; a channel the store knows is named as the store names it",
        "Kataib Hezbollah published a statement titled “The Weapon Is Not A Commodity” on Sunday. On Monday, "
        "its spokesman Abu Ali al-Askari said in an interview with the Iraqi Al-'Ahd TV channel that the "
        "matter “is closed and not open for discussion.”",
        [("is closed and not open", "Abu Ali al-Askari", "Kataib Hezbollah", "al-Ahd TV", "2024-02-12")],
    ),
    (
        "agency English: a name in quotation marks is no quote; 'wrote in his statement:' gives the rest unmarked",
        "According to the movement's media office, Hujjat al-Islam “Akram al-Kaabi” wrote in his statement: The "
        "Americans who failed to break the will of the resistance on the battlefield are now trying to break it "
        "under the dome of the parliament.",
        [("The Americans who failed", "Akram al-Kaabi", "Harakat Hezbollah al-Nujaba", None, None)],
    ),
    (
        "'The secretary-general of Nujaba … considered X as “…”' is the one Nujaba person the article names",
        "The secretary-general of Iraq's Islamic Resistance Movement al-Nujaba, in a statement, considered the "
        "American pressure on parliament as “a blatant interference in the affairs of a sovereign country.”\n\n"
        "Akram al-Kaabi has made the same charge before.",
        [("a blatant interference", "Akram al-Kaabi", "Harakat Hezbollah al-Nujaba", None, None)],
    ),
    (
        "'considered itself “…”' is no cue of its own: the quote is the words of the one adding it",
        "“The truce was never a blank cheque,” Abu Ali al-Askari said, adding that Kataib Hezbollah had informed "
        "the government that it considered itself “free of any commitment” after the strike.",
        [("The truce was never", "Abu Ali al-Askari", "Kataib Hezbollah", None, None),
         ("free of any commitment", "Abu Ali al-Askari", "Kataib Hezbollah", None, None)],
    ),
    (
        "a label before a colon is no cue: 'Background:' introduces no one's words",
        "Background: The Popular Mobilization Forces were formed in 2014 after the fatwa of the religious authority.",
        [],
    ),
    (
        "'An AAH member of parliament whom we interviewed': an unnamed member, the publication's own interview",
        "Asaib Ahl al-Haq leader Qais al-Khazali has backed the bill in a televised speech on Sunday.\n\n"
        "An AAH member of parliament whom we interviewed in Baghdad was more candid. “Nobody wants to be "
        "the one who brings sanctions on Iraq,” he said.",
        [("Nobody wants to be", None, "Asaib Ahl al-Haq", None, None)],
    ),
    (
        "names in an opening 'Asked whether …,' clause are not the subject",
        "Firas al-Yasiri, the spokesman of Harakat al-Nujaba's political council, spoke on Tuesday. Asked "
        "whether Kataib Hezbollah would seek posts, the spokesman said the movement “does not look for ministries.”",
        [
            (
                "does not look for ministries",
                "Firas al-Yasiri",
                "Harakat Hezbollah al-Nujaba",
                None,
                "2024-02-13",
            )
        ],
    ),
    (
        "after an opening adverbial, a role phrase is the subject, not an aside",
        "On Saturday, Popular Mobilization Forces (PMF) chairman Falih al-Fayyadh, in a televised address, "
        "said the PMF “is not a party to any dispute between Iraqis.”",
        [("is not a party", "Falih al-Fayyadh", "Popular Mobilization Forces", None, "2024-02-10")],
    ),
    (
        "'The group' as a subject is the group just quoted; a day right after the quote dates it",
        "Kataib Hezbollah accused the ruling parties of “turning the region into a base” on Monday.\n\n"
        "The group repeated the accusation in a second statement on Tuesday, saying the resistance “will not "
        "stand by while bases are expanded.”",
        [
            ("turning the region", "Kataib Hezbollah", None, None, "2024-02-12"),
            ("will not stand by", "Kataib Hezbollah", None, None, "2024-02-13"),
        ],
    ),
    (
        "'the cleric', when no one was introduced so, is the person being quoted",
        "On Sunday, Qais al-Khazali said the sanctions were “a declaration of war on Iraqis.”\n\n"
        "Speaking to tribal sheikhs the next day, the cleric accused the embassy of “waging an economic war.”",
        [
            ("a declaration of war", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-11"),
            ("waging an economic war", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-12"),
        ],
    ),
    (
        "a name governed by 'from' speaks through the relative clause that follows it",
        "The most prominent offer came from Abu Ala al-Walai, the secretary-general of Kataib Sayyid al-Shuhada "
        "(KSS), who published a statement on February 12 criticizing Arab governments: “We are deeply "
        "concerned by the alarming levels of inaction.”",
        [("We are deeply concerned", "Abu Ala al-Walai", "Kataib Sayyid al-Shuhada", None, "2024-02-12")],
    ),
    (
        "a second verb of the same subject, after 'but', keeps its speaker",
        "On Wednesday, Qais al-Khazali said Asaib Ahl al-Haq would “respect the result of the ballot,” but "
        "warned against any attempt “to pass the American agenda on the weapons of the resistance.”",
        [
            ("respect the result", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-14"),
            ("to pass the American agenda", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-14"),
        ],
    ),
    (
        "'the previous day' counts back from the quote before",
        "On Wednesday, Qais al-Khazali said the movement “will not be dragged into a war.”\n\n"
        "The remarks came after KH security official Abu Ali al-Askari told supporters the previous day "
        "that his group “carried weapons when others were counting profits.”",
        [
            ("will not be dragged", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-14"),
            ("carried weapons", "Abu Ali al-Askari", "Kataib Hezbollah", None, "2024-02-13"),
        ],
    ),
    (
        "a candidate introduced by apposition is named in full by his surname",
        "Ahmed Jabbar al-Saadi, a candidate of the Sadiqoun bloc, spoke on Tuesday. “Our record is known "
        "to every Iraqi,” al-Saadi said.",
        [("Our record is known", "Ahmed Jabbar al-Saadi", None, None, "2024-02-13")],
    ),
    (
        "an electoral commission is no group",
        "The Independent High Electoral Commission (IHEC) said on Monday that campaigning must “stay within "
        "the law and away from incitement.”",
        [],
    ),
    (
        "a person who attacks another group speaks, not the group attacked",
        "KH security official Abu Ali al-Askari mocked Asaib Ahl al-Haq on Telegram on Tuesday, "
        "taunting AAH and its leader Qais al-Khazali: “This is the field, Hamidan, and your men are not in it.”",
        [("This is the field", "Abu Ali al-Askari", "Kataib Hezbollah", "Telegram", "2024-02-13")],
    ),
    (
        "the person told a channel: the channel is recorded, never the speaker",
        "On February 10, Qais al-Khazali told al-Nujaba TV: “We will not be dragged into a war that serves nobody.”",
        [("We will not be dragged", "Qais al-Khazali", "Asaib Ahl al-Haq", "al-Nujaba TV", "2024-02-10")],
    ),
    (
        "people introduced by apposition are found again by surname and by role",
        "Ali al-Hamidawi, Kataib Hezbollah's security official, published a statement on February 12. "
        "“For now it is time to support one another in the weeks ahead,” he wrote.\n\n"
        "Hamidawi concluded with an appeal to the fighters: “We need all of you to take care of your families.”",
        [
            ("For now it is time", "Ali al-Hamidawi", "Kataib Hezbollah", None, "2024-02-12"),
            ("We need all of you", "Ali al-Hamidawi", "Kataib Hezbollah", None, "2024-02-12"),
        ],
    ),
    (
        "a cue after the quote names the speaker, a pronoun the person named before",
        "Karrar al-Zaidi, a Kataib Hezbollah spokesman, spoke to reporters in Baghdad on Monday. "
        "“If you want to work, we support you,” the spokesman added. He insisted that “If you need to dial back, that is okay.”",
        [
            ("If you want to work", "Karrar al-Zaidi", "Kataib Hezbollah", None, "2024-02-12"),
            ("If you need to dial back", "Karrar al-Zaidi", "Kataib Hezbollah", None, "2024-02-12"),
        ],
    ),
    (
        "according to X: X speaks",
        "On Tuesday, according to Abbas al-Tamimi, a member of Nujaba's political council, "
        "“Everyone will be paid on the basis of their usual hours worked during normal circumstances.”",
        [("Everyone will be paid", "Abbas al-Tamimi", "Harakat Hezbollah al-Nujaba", None, "2024-02-13")],
    ),
    (
        "short answers after replied and answered are quotes of the person asked",
        "In the Dijlah TV interview, aired on Sunday, Abu Ala al-Walai was asked about the weapons. "
        'He replied “No.” Asked whether that could change, he answered "Not now."',
        [
            ("No.", "Abu Ala al-Walai", "Kataib Sayyid al-Shuhada", "Dijlah TV", "2024-02-11"),
            ("Not now.", "Abu Ala al-Walai", "Kataib Sayyid al-Shuhada", "Dijlah TV", "2024-02-11"),
        ],
    ),
    (
        "an unnamed member of a group: no speaker's name, the group kept",
        "Al-Ahd TV quoted an unnamed AAH commander on Sunday as saying that "
        "“We are here to help provide support and liaise as needed.”",
        [("We are here to help", None, "Asaib Ahl al-Haq", "al-Ahd TV", "2024-02-11")],
    ),
    (
        "the words of U.S. officials and analysts are not a group's statement",
        "A U.S. State Department spokesperson, asked about the warning, said Washington would "
        "“continue to hold accountable those who move weapons for the proxies.” "
        "Sarah Whitford, a London-based analyst, called it “boilerplate” but said more. "
        "“When he writes in the first person, the audience is the rank and file,” she said.",
        [],
    ),
    (
        "mixed marks pair by position: a straight mark closed by a curly one swallows nothing",
        'Kataib Hezbollah said on Monday that "the occupation must leave before the summer” and added '
        "that “the factions will decide the timing themselves, not the politicians.”",
        [
            ("the occupation must leave", "Kataib Hezbollah", None, None, "2024-02-12"),
            ("the factions will decide", "Kataib Hezbollah", None, None, "2024-02-12"),
        ],
    ),
    (
        "an unnamed member of the group speaks for the group with no name, on an occasion of its own",
        "Kataib Hezbollah said in a statement on Monday that the talks were “a trap.”\n\n"
        "An official of the group, who spoke to Reuters on condition of anonymity, said Kataib Hezbollah "
        "would “not discuss our weapons with anyone.”\n\n"
        "“Those who rush to disarm should ask the families of the martyrs,” the official said.",
        [
            ("a trap", "Kataib Hezbollah", None, None, "2024-02-12"),
            ("not discuss our weapons", None, "Kataib Hezbollah", "Reuters", None),
            ("Those who rush", None, "Kataib Hezbollah", "Reuters", None),
        ],
    ),
    (
        "a speech verb's 'that' clause reaches the quote across a long adjunct",
        "Kataib Hezbollah said in a statement on its Telegram channel on Tuesday that calls for it to hand "
        "its weapons to the state were “a demand of the occupier.”",
        [("a demand of the occupier", "Kataib Hezbollah", None, "Telegram", "2024-02-13")],
    ),
    (
        "the occasion named after the quote gives its day, channel and author",
        "Kataib Sayyid al-Shuhada has warned that the truce “has an expiry date”, in a post published "
        "yesterday on X by its secretary-general, Abu Ala al-Walai.",
        [("has an expiry date", "Abu Ala al-Walai", "Kataib Sayyid al-Shuhada", "X", "2024-02-14")],
    ),
    (
        "an interview's answer over two paragraphs is one rendering; the prose after the last is not",
        "Firas al-Yasiri, the spokesman of Harakat al-Nujaba's political council, sat down with Example "
        "News in Baghdad on Saturday.\n\nQ: Is there coordination with the other factions?\n\n"
        "A: There is one room for the resistance.\n\nEven when Kataib Hezbollah paused, we respected "
        "its decision.\n\nQ: Do you trust the process?\n\nA: We gave the government time.\n\n"
        "The interview ended when the call to prayer began.",
        [
            ("There is one room for the resistance. Even when Kataib Hezbollah paused", "Firas al-Yasiri",
             "Harakat Hezbollah al-Nujaba", "Example News", "2024-02-10"),
            ("We gave the government time.", "Firas al-Yasiri", "Harakat Hezbollah al-Nujaba", "Example News",
             "2024-02-10"),
        ],
    ),
    (
        "another party inside a relative clause about the subject does not make it speak for that party",
        "Abu Fadak al-Mohammadawi, the PMF chief of staff, said on Monday that the Hashd “will remain.” The "
        "veteran commander, who was sanctioned by the US Treasury in 2020, added that the law was “an Iraqi matter.”",
        [
            ("will remain", "Abu Fadak al-Mohammadawi", "Popular Mobilization Forces", None, "2024-02-12"),
            ("an Iraqi matter", "Abu Fadak al-Mohammadawi", "Popular Mobilization Forces", None, "2024-02-12"),
        ],
    ),
    (
        "a channel's description is not its name; 'its bloc' is the group the sentence before names",
        "Kataib Hezbollah, one of the factions within the PMF, weighed in. Muhannad al-Sarraj, a member of "
        "the group's political office, told the Iraqi channel Dijlah TV on Sunday that the law “will pass.”\n\n"
        "Badr did not respond publicly. A member of its parliamentary bloc, speaking to Example News on "
        "condition of anonymity, said the organisation wanted to avoid “an unnecessary confrontation.”",
        [
            ("will pass", "Muhannad al-Sarraj", "Kataib Hezbollah", "Dijlah TV", "2024-02-11"),
            ("an unnecessary confrontation", None, "Badr Organization", "Example News", None),
        ],
    ),
    (
        "the statement's points are quoted after the sentence that cites its figure",
        "On February 12, KH issued a three-point statement (Figure 1). The third point warned that “any "
        "attempt to disarm the resistance will be met with force.” The first point is the real "
        "precondition: there will be “no dialogue before the last foreign soldier leaves.”",
        [
            ("any attempt to disarm", "Kataib Hezbollah", None, None, "2024-02-12"),
            ("no dialogue before", "Kataib Hezbollah", None, None, "2024-02-12"),
        ],
    ),
    (
        "a page of one-sentence paragraphs: the occasion in the next, a lone quotation continues the speaker",
        "Qais al-Khazali, the secretary-general of Asaib Ahl al-Haq, said his movement would “stand with "
        "the state.”\n\nKhazali spoke in a televised address on Wednesday night.\n\n“We will be the first "
        "to stand with the state.”\n\nKataib Hezbollah said in a statement on Tuesday night that “the "
        "ballot box will not disarm the resistance.”\n\nThe group did not name Khazali.\n\nIt said the "
        "weapons were “not a subject for elections.”\n\nAn official in the political bureau of Asaib Ahl "
        "al-Haq told Example News that the movement had “not yet decided.”",
        [
            ("stand with the state", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-14"),
            ("We will be the first", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-14"),
            ("the ballot box", "Kataib Hezbollah", None, None, "2024-02-13"),
            ("not a subject for elections", "Kataib Hezbollah", None, None, "2024-02-13"),
            ("not yet decided", None, "Asaib Ahl al-Haq", "Example News", None),
        ],
    ),
    (
        "a sentence that is only a quotation, right after the speaker's, goes on with the speaker",
        "Abu Ala al-Walai, the leader of Kataib Sayyid al-Shuhada, spoke to Example News on Monday. “We want "
        "an operation that befits the martyrs,” al-Walai said. “It will be a qualitative operation.” The "
        "statement the next day was shorter.",
        [
            ("We want an operation", "Abu Ala al-Walai", "Kataib Sayyid al-Shuhada", "Example News", "2024-02-12"),
            ("It will be a qualitative operation", "Abu Ala al-Walai", "Kataib Sayyid al-Shuhada", "Example News",
             "2024-02-12"),
        ],
    ),
    (
        "an outlet's report the group denies is not where the group spoke",
        "Kataib Hezbollah on Monday denied a Reuters report on its weapons, calling the report “false.”",
        [("false", "Kataib Hezbollah", None, None, "2024-02-12")],
    ),
    (
        "'the group argued …, stressing that': the participle's subject; '…,' the statement added, insisting",
        "Kataib Hezbollah rejected calls to disarm on Saturday.\n\nIn a statement, the group argued that "
        "sovereignty must come first, stressing that its weapons will “remain in the hands of its fighters.” "
        "Talks will come only after the withdrawal of all “occupying forces,” the statement added, insisting "
        "that “the weapons are not personal property.”",
        [
            ("remain in the hands", "Kataib Hezbollah", None, None, "2024-02-10"),
            ("occupying forces", "Kataib Hezbollah", None, None, "2024-02-10"),
            ("the weapons are not personal property", "Kataib Hezbollah", None, None, "2024-02-10"),
        ],
    ),
    (
        "'it' is the group the sentence before makes its subject, on that sentence's occasion",
        "The Islamic Resistance in Iraq says it will resume attacks.\n\nIn a statement Friday night it said "
        "the US understands nothing but the “language of weapons.”\n\nAt around the same time Friday night, "
        "the Kataib Hezbollah militia, one of the factions in the IRI, vowed revenge in a post on Telegram.\n\n"
        "“It is the stage of revenge,” it said.",
        [
            ("language of weapons", "The Islamic Resistance in Iraq", None, None, "2024-02-09"),
            ("It is the stage of revenge", "Kataib Hezbollah", None, "Telegram", "2024-02-09"),
        ],
    ),
    (
        "the outlet that carried a statement is its channel; an unnamed station is none",
        "Kataib Hezbollah announced on Tuesday a pause in its attacks on US forces, after the strike in Jordan.\n\n"
        "“We will continue to defend our people,” the group’s Secretary "
        "General Abu Hussein al-Hamidawi said in the statement carried by Sabereen News.\n\nIn an interview "
        "with a local Iraqi TV station, Qais al-Khazali said that peace with them was “impossible.”",
        [
            ("We will continue to defend", "Abu Hussein al-Hamidawi", "Kataib Hezbollah", "Sabereen News", "2024-02-13"),
            ("impossible", "Qais al-Khazali", "Asaib Ahl al-Haq", None, None),
        ],
    ),
    (
        "a person another party's title introduces stays theirs when named by surname alone",
        "“Actions speak louder than words,” Pentagon Press Secretary Maj. Gen. Pat Ryder replied. “You have "
        "heard the president say that we will respond,” Ryder said.",
        [],
    ),
    (
        "a group's title, the group, then a name the store lacks: that person, of that group",
        "“We do not trust the Americans,” the Deputy Secretary-General of Iraq’s Al-Nujaba Al-Shammari said.",
        [("We do not trust the Americans", "Al-Shammari", "Harakat Hezbollah al-Nujaba", None, None)],
    ),
    (
        "a group's own website is its channel",
        "“We announce the suspension of our operations,” Kataib Hezbollah wrote on its website on Tuesday.",
        [("We announce the suspension", "Kataib Hezbollah", None, "website", "2024-02-13")],
    ),
    (
        "the Arabic original quoted inline after its English is no English rendering",
        "Qais al-Khazali said on Monday that Iraq “must not turn into a battlefield for others” (بالعربية: "
        "«يجب ألا يتحول العراق إلى ساحة حرب للآخرين»).",
        [("must not turn into a battlefield", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-12")],
    ),
    (
        "a name typed with a non-breaking hyphen is the same name",
        "Kataib Hezbollah's chief, Abu Hussein al\u2011Hamidawi, spoke on Monday. He said the group would "
        "“taste the enemy the bitterest forms of war.”",
        [("taste the enemy", "Abu Hussein al-Hamidawi", "Kataib Hezbollah", None, "2024-02-12")],
    ),
    (
        "a member named by the group's name before the role is unnamed, of that group",
        "One unnamed KH commander was quoted as saying “the Americans have opened a door.”\n\n"
        "An Asaib Ahl al-Haq source told Reuters that “there will be no truce.”\n\n"
        "Two Nujaba officials said the movement “has not been consulted.”\n\n"
        "A spokesman for Harakat al-Nujaba was quoted by Al-Mayadeen as saying that “the resistance decides alone.”",
        [
            ("the Americans have opened", None, "Kataib Hezbollah", None, None),
            ("there will be no truce", None, "Asaib Ahl al-Haq", "Reuters", None),
            ("has not been consulted", None, "Harakat Hezbollah al-Nujaba", None, None),
            ("the resistance decides alone", None, "Harakat Hezbollah al-Nujaba", "Al-Mayadeen", None),
        ],
    ),
    (
        "an outlet that sat down with a speaker, or asked a group for a response, is the channel",
        "Firas al-Yasiri, the spokesman of Harakat al-Nujaba, sat down with 964 in Baghdad on Tuesday. "
        "He said the factions' weapons are “not for sale.”\n\n"
        "964 contacted Asaib Ahl al-Haq for a response. A spokesman for the movement said it “does not answer "
        "the media statements of brothers.”",
        [
            ("not for sale", "Firas al-Yasiri", "Harakat Hezbollah al-Nujaba", "964", "2024-02-13"),
            ("does not answer", None, "Asaib Ahl al-Haq", "964", None),
        ],
    ),
    (
        "an honorific is no part of the name; a later sentence with a quote of its own lends no channel",
        "The Secretary-General of Asaib Ahl al-Haq, Sheikh Qais al-Khazali, spoke in Baghdad on Monday.\n\n"
        "He said: “The Popular Mobilization is a legal institution of the state.”\n\n"
        "In remarks to Al Mayadeen on the sidelines, Khazali added that the movement “supports the government.”",
        [
            ("The Popular Mobilization", "Qais al-Khazali", "Asaib Ahl al-Haq", None, "2024-02-12"),
            ("supports the government", "Qais al-Khazali", "Asaib Ahl al-Haq", "Al Mayadeen", "2024-02-12"),
        ],
    ),
    (
        "'according to a statement issued by the media office of X' after the quote: X's words",
        "“Any talk of disarming the resistance is an American demand,” according to a statement issued by the "
        "media office of Kataib Hezbollah on Wednesday.",
        [("Any talk of disarming", "Kataib Hezbollah", None, None, "2024-02-14")],
    ),
    (
        "'the statement said' at a paragraph's start: the statement the paragraph before introduced",
        "Qais al-Khazali spoke on Monday about the budget.\n\n"
        "Harakat al-Nujaba also weighed in, with its political council publishing a statement on Thursday "
        "that read in part:\n\n"
        "“The resistance will not lay down its weapons,” the statement said.",
        [("The resistance will not lay down", "Harakat Hezbollah al-Nujaba", None, None, "2024-02-15")],
    ),
    (
        "an unnamed member introduced in the sentence before is the 'he' of the quote after",
        "A KSS official I spoke to on Sunday was blunter. “Some of our allies discovered the state only after "
        "they were given ministries,” he said.\n\n"
        "For Kataib Hezbollah, the law is not a bureaucratic matter but, in the words of the group’s statement, "
        "“the last line of defense.”",
        [
            ("Some of our allies", None, "Kataib Sayyid al-Shuhada", None, "2024-02-11"),
            ("the last line of defense", "Kataib Hezbollah", None, None, None),
        ],
    ),
    (
        "the authors' scare quotes are no rendering",
        "Critics noted that Abu Ala al-Walai said nothing about the “pause” in attacks, "
        "which observers have dubbed a “truce”.",
        [],
    ),
]


CASES += [
    (
        "a lead's unnamed spokesman is the person the next paragraph names; his later quotes keep the occasion",
        "Kataib Hezbollah on Wednesday denied any role, with a spokesperson for the armed group telling "
        "Rudaw English that Kurdish authorities had “rushed to accuse the resistance.”\n\n"
        "“We have nothing to do with these attacks,” said Abbas al-Zaidi, the spokesperson.\n\n"
        "Kataib Hezbollah also posted a statement on its Telegram channel on Tuesday calling the strikes "
        "“suspicious acts.”\n\n"
        "Asked about other factions, Zaidi said: “I do not speak for anyone but my group.”",
        [
            ("rushed to accuse", "Abbas al-Zaidi", "Kataib Hezbollah", "Rudaw English", "2024-02-14"),
            ("We have nothing", "Abbas al-Zaidi", "Kataib Hezbollah", "Rudaw English", "2024-02-14"),
            ("suspicious acts", "Kataib Hezbollah", None, "Telegram", "2024-02-13"),
            ("I do not speak", "Abbas al-Zaidi", "Kataib Hezbollah", "Rudaw English", "2024-02-14"),
        ],
    ),
    (
        "the English after an Arabic original: 'in the sense that' and a translation in parentheses",
        "Hassan al-Mousawi, a member of the political bureau of Asaib Ahl al-Haq, told Baghdad Today on "
        "Wednesday: «نحن مع القانون ولا أحد فوق القانون لكن لا يجوز استهداف الحشد», in the sense that “we are "
        "with the law and no one is above the law.”\n\n"
        "Abu Ala al-Walai wrote on X on Monday: «السلاح الذي حرر العراق من داعش لن يسلم بقرار من السفارة». "
        "(The weapons that liberated Iraq from ISIS will not be handed over by a decision of the embassy.)",
        [
            ("we are with the law", "Hassan al-Mousawi", "Asaib Ahl al-Haq", "Baghdad Today", "2024-02-14"),
            ("The weapons that liberated", "Abu Ala al-Walai", "Kataib Sayyid al-Shuhada", "X", "2024-02-12"),
        ],
    ),
    (
        "a group's name for itself is a label, not words it said",
        "Kataib Hezbollah said on Monday that it would “respond to any aggression.” They call themselves “the "
        "resistance” and describe their alliance with Tehran as an “axis,” words the group chose with care.",
        [("respond to any aggression", "Kataib Hezbollah", None, None, "2024-02-12")],
    ),
    (
        "'The commander said' goes on with the unnamed commander introduced before",
        "A senior Kataib Hezbollah commander, who asked not to be named, told Reuters on Monday that the "
        "group had made no commitments.\n\n"
        "“We listen to the brothers in the government,” he said.\n\n"
        "The commander said the factions had “reduced their movements” since January.",
        [
            ("We listen", None, "Kataib Hezbollah", "Reuters", "2024-02-12"),
            ("reduced their movements", None, "Kataib Hezbollah", "Reuters", "2024-02-12"),
        ],
    ),
]


def test_a_word_broken_at_a_line_end_is_rejoined_and_a_compound_keeps_its_hyphen(tmp_path, ctx):
    """A PDF export's hard-wrapped paragraph: "politi-" / "cal" reads "political"; "Iran-" /
    "backed" stays "Iran-backed" (both halves are words of the page); every run stays exact."""
    path = Path(tmp_path) / "capture.txt"
    path.write_text(
        HEADER
        + "The factions are backed by Iran and its allies in the region, and they say so in\n"
        "public. In a statement on Tuesday, Kataib Hezbollah accused unnamed lawmakers of\n"
        "“selling the blood of the martyrs and the wounded in the market of politi-\n"
        "cal deals,” and it said that the factions of the resistance, all of them Iran-\n"
        "backed, would “stand together in one trench” whatever the parliament decides.\n",
        encoding="utf-8",
    )
    result = ingest_file(path, ctx)
    texts = [r.text for r in result.renderings]
    assert "selling the blood of the martyrs and the wounded in the market of political deals," in texts, texts
    second = next(r for r in result.renderings if r.text.startswith("stand together"))
    assert second.speaker == "Kataib Hezbollah" and "all of them Iran-backed, would" in (second.cue or ""), second.cue
    from tests.mutations import find_violations

    assert not find_violations(path, result)
    joined = [(r.text, [r.spans[0].line, r.spans[-1].end_line]) for r in result.repairs if r.kind == "dehyphenated"]
    first = HEADER.count("\n") + 3  # the line that breaks "politi-"
    assert joined == [("political", [first, first + 1]), ("Iran-backed", [first + 1, first + 2])], joined


@pytest.fixture(scope="module")
def ctx():
    return corpus_context(REPO / "corpus")


@pytest.mark.parametrize(("case", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_quotes_are_attributed_as_a_reader_attributes_them(tmp_path, ctx, case, body, expected):
    path = Path(tmp_path) / "capture.txt"
    path.write_text(HEADER + body + "\n", encoding="utf-8")
    result = ingest_file(path, ctx)
    got = [
        (r.text, r.speaker, r.speaker_org, r.channel, str(r.date) if r.date else None)
        for r in result.renderings
    ]
    assert len(got) == len(expected), got
    for (text, *facts), (prefix, *want) in zip(got, expected):
        assert text.startswith(prefix), (text, prefix)
        assert facts == want, (case, text)
    if "(Figure 1)" in body:
        assert [r.figure for r in result.renderings] == [1] * len(expected)


def test_a_quote_referring_back_to_the_statement_takes_its_figure_and_date(tmp_path, ctx):
    path = Path(tmp_path) / "capture.txt"
    path.write_text(
        HEADER
        + "The Tansiqiya met on Sunday, February 11, and issued a communiqué: “We considered what would "
        "be an appropriate response to what we are facing.” (Figure 1).\n\n"
        "Figure 1: Tansiqiya statement, February 11, 2024\n\n"
        "Asaib Ahl al-Haq published its own text on Monday: “We are in this together and here to help.” (Figure 2).\n\n"
        "Figure 2: AAH statement, February 12, 2024\n\n"
        "Returning to the Tansiqiya, the statement also spelled out its aim: “Overwhelmingly we wanted to "
        "remove stress and support our mission for the long term.”\n",
        encoding="utf-8",
    )
    result = ingest_file(path, ctx)
    last = result.renderings[-1]
    assert last.text.startswith("Overwhelmingly")
    assert (last.speaker, last.figure, str(last.date)) == (
        "Iraqi Resistance Coordination Committee",
        1,
        "2024-02-11",
    )
    assert last.continues == result.renderings[0].id


@pytest.mark.parametrize(
    ("body", "speaker", "date"),
    [
        (
            "On Sunday, Qais al-Khazali told al-Ahd TV that “the state decides, not the factions.”\n\n"
            "A day before Khazali's interview, Badr Organization leader Hadi al-Ameri told elders in Diyala "
            "that the region “must not become the last refuge of the coalition.”",
            "Hadi al-Ameri", "2024-02-10",
        ),
        (
            "The Kurdistan Regional Government quickly answered the Badr leader on Monday. Its spokesperson, "
            "Shvan Aziz, a Kurdistan Regional Government official, said the advisers were “a federal matter.”",
            None, None,
        ),
    ],
    ids=["a name in a temporal phrase is no subject; the day counts from that person's quote",
         "a spokesman of a government is no group's speaker"],
)  # fmt: skip
def test_temporal_phrases_and_government_speakers(tmp_path, ctx, body, speaker, date):
    path = Path(tmp_path) / "capture.txt"
    path.write_text(HEADER + body + "\n", encoding="utf-8")
    last = [r for r in ingest_file(path, ctx).renderings if "federal" in r.text or "refuge" in r.text]
    if speaker is None:
        assert last == []
    else:
        assert [(r.speaker, str(r.date)) for r in last] == [(speaker, date)]


def test_arabic_quoted_inline_in_english_prose_is_a_source_beside_its_english(tmp_path, ctx):
    body = (
        "Qais al-Khazali said in a televised speech on Monday that Iraq “must not turn into a battlefield for "
        "others” (بالعربية: «يجب ألا يتحول العراق إلى ساحة حرب للآخرين»). The word «الساحة» was his.\n"
    )
    path = Path(tmp_path) / "capture.txt"
    path.write_text(HEADER + body, encoding="utf-8")
    result = ingest_file(path, ctx)
    text = path.read_text(encoding="utf-8")
    sources = [s for s in result.sources if s.kind == "statement"]
    assert [s.original for s in sources] == ["يجب ألا يتحول العراق إلى ساحة حرب للآخرين"]  # one word is a term
    assert sources[0].figure is None
    assert text[sources[0].span.start : sources[0].span.end] == sources[0].original
    assert [r.text for r in result.renderings] == ["must not turn into a battlefield for others"]


def test_a_that_far_after_the_speech_verb_still_cues_the_quote(tmp_path, ctx):
    body = (
        "Kataib Hezbollah said in a statement on its Telegram channel on Sunday, hours after the US strikes "
        "on Iranian nuclear facilities, that “American bases in the region will be within range of the response.”\n"
    )
    path = Path(tmp_path) / "capture.txt"
    path.write_text(HEADER + body, encoding="utf-8")
    [rendering] = ingest_file(path, ctx).renderings
    assert (rendering.speaker, rendering.channel, str(rendering.date)) == ("Kataib Hezbollah", "Telegram", "2024-02-11")
