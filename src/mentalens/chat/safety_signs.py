"""Families of risk signals beyond the plain wordings of chat/safety_lexicon.py: warning signs
(farewells, affairs put in order, means at hand, a high place now, a passive wish to be dead),
self-harm told in everyday words, someone else's warning signs, and method questions asked about
survival, pain, time or comparison. Written as families after blind red-team sets
(chat/redteam/blind1-4.yaml, each written by someone who never saw these lists) showed the word
lists missing them on first sight; detection data only. Each blind set's header says how it did
on its first run: expect new wordings to be missed until they are added here.

Lists and the views they read (chat/safety_text.py):
- SELF_SIGNS (``own_neg``) and SELF_SIGNS_ALL (``all``, each holding a first-person word): the
  writer's own risk, a crisis;
- STRONG_SIGNS and FINALITY (``all``): warning signs that alone are not a disclosure (2 of
  chat/safety's lexical score: with the analyzer's high level, or after earlier concern, a
  crisis; else the chat asks the safety question directly); two of them in one message (each
  pattern counts once) are a crisis;
- THIRD_SIGNS (``all``): someone else's warning signs;
- METHOD_MORE (``all``): method questions, added to safety_requests.METHOD;
- TOPIC_WORDS with TOPIC_MARKS in one message (``own_neg``): a softer net for wordings no list
  above holds (a death, means or place word with a mark of decision, time or wish): a warning
  sign. On the user turns of ESConv's test dialogues (real distress, seldom suicidal) the pair
  fired on 8 of 2,363 turns.
"""
from __future__ import annotations

from .safety_lexicon import _c

_NOW = r"(?:rn|right now|now|tonight|up here|out here|been (?:sitting|standing|here)|for an hour|an hour|alone)"
_HIGH = r"(?:roof|rooftop|ledge|bridge|edge|tracks|railway|cliff|top floor|top of (?:the|a|my) \w+|overpass|platform)"
_MEANS = (r"(?:pills|tablets|meds|medication|antidepressants|painkillers|sleeping pills|gun|rifle|pistol|rope|noose|"
          r"knife|blade|razor|charcoal|poison|bottle of \w+)")
_BODY = r"(?:arms?|wrists?|thighs?|legs?|skin|stomach|hips?|knuckles|head|hands?)"
_HARM = r"(?:cut|cutting|cuts|scratch\w*|burn\w*|bang\w*|punch\w*|hit|hitting|carv\w*|slic\w*|bit\w*|pick\w*)"
_DEAD_KIN = (r"(?:mom|mum|dad|mother|father|grandma|grandpa|"
             r"nan|nana|gran|brother|sister|son|daughter|husband|wife|him|her)")

SELF_SIGNS = _c([
    # farewells and last contact
    r"\b(?:hoping|hope|wishing|wish) (?:not to|to not|i don'?t|i won'?t|i never) wake up\b|\b(?:sleep|asleep)\b.{0,20}"
    r"\bnot (?:have to )?wake up\b(?! (?:till|until|before|for))|\b(?:rest|sleep) forever\b|\bforever (?:nap|sleep"
    r"|rest)\b",
    r"\bburn(?:ing|ed|t)? my (?:arm|forearm|wrist|skin|leg|thigh|hand)s?\b|\bdeliberately\b.{0,30}\b(?:razor|blade|"
    r"knife|lighter)\b|^\W*cut (?:again|deeper)\b|\bonly way i (?:can )?feel (?:anything|something|alive)\b",
    r"\b(?:suicide|sucide|suicde|suiside|suecide|sui-?side) (?:thots|thoughts|thinking|feelings|urges)\b|"
    r"\b(?:suicide|sucide|suicde|suiside|suecide|sui-?side)\b.{0,40}\bthink about it (?:constantly|all the time|"
    r"every day|a lot)\b|\byeet(?:ing)? myself\b|🪢|\bk ?m ?s (?:tonight|today|now|rn|soon)\b",
    r"\b(?:easier|better) if i (?:just )?(?:didn'?t|did not|don'?t) exist\b|\b(?:got|took|have) my (?:\.45|gun|"
    r"pistol|rifle|shotgun|glock)\b.{0,20}\bout\b",
    r"\b(?:thinking|think|want|wanting|going|decided|plan\w*) (?:to|of|about) (?:finish|finishing|end|ending) (?:my|"
    r"this) life\b|\bdisappointed (?:i'?m|i am|to be) still (?:here|alive)\b",
    r"\bwon'?t have to (?:put up with|deal with|carry|worry about|see|look after) me (?:much longer|anymore|soon|for "
    r"long)\b|\bthe last time i'?ll (?:message|write|talk|text|be here)\b",
    r"\bflip(?:ping)? the switch (?:myself|on myself)\b|\bswitch (?:myself )?off\b.{0,30}\b(?:forever|for good|"
    r"like a light)\b|\blegs over the (?:side|edge)\b|\bthe note'?s? (?:is )?written\b",
    r"\b(?:easy|easier)\b.{0,30}\b(?:go over|go off the|drive off|step off|step in front)\b",
    r"(?:point|不想|没意义|没必要).{0,12}继续活(?:下去)?|(?:going to|gonna|will|want to)\s?结束(?:这一切|一切|生命"
    r"|自己)|"
    r"遗(?:书|言)(?:已经)?(?:写好|写完|放在)|差(?:点|些|一点)就跳(?:了)?(?:下去|下来)|永(?:久|远)下线|不配活(?:着|下去)|"
    r"(?:行|走)(?:落|进|入)(?:海|河|江)",
    r"(?:安眠药|药).{0,6}saved up|saved up.{0,6}(?:安眠药|药)|(?:在|站在|坐在)(?:天台|楼顶|桥上|顶楼)\s?(?:right now"
    r"|rn|"
    r"now)",
    r"\b(?:driv\w*|drove)\b.{0,40}\b(?:into (?:the )?(?:trees?|wall|river|lake|traffic|oncoming|a lorry|a truck)|off "
    r"(?:the )?(?:road|cliff|bridge|pier))\b|\bnot turn the wheel\b",
    r"\b(?:don'?t|do not|can'?t|cannot) see (?:the|any) point (?:in|of) (?:going on|living|carrying on|being alive|"
    r"staying|being here)\b",
    r"\bstarv(?:ing|e) myself\b|\b(?:don'?t|do not) deserve to (?:eat|live|be here|be alive)\b",
    r"\b(?:only time|only thing|feel calm|feel better|relief)\b.{0,40}\bhurt(?:ing)? myself\b|\bhurt(?:ing)? myself\b"
    r".{0,40}\b(?:calm|better|relief|on purpose|again|deliberately)\b",
    r"\b(?:know|worked out|figured out) (?:exactly )?(?:what|how much) i'?d (?:need|take)\b",
    r"\bworth more (?:dead|with me dead|with me gone|without me)\b",
    r"\bmy (?:last|final) (?:message|words|post|goodbye|text)\b(?! (?:for|before|of|until|till) (?:today|tonight|"
    r"the day|the week|the year|the holidays|now|a while|this))",
    r"\b(?:won'?t|wont|will not|never) (?:hear from|see|talk to) me (?:again|after|anymore|tomorrow|much longer)\b",
    r"\b(?:this is|it'?s) the last time (?:i'?m|im|i am|i will|i'll|i) (?:going to |gonna )?(?:talk|speak|write|"
    r"message|reach out|ask)\b",
    r"\b(?:saying|said|say) (?:my )?goodbyes? to (?:people|everyone|everybody|my \w+|all)\b",
    r"\b(?:after|by) tonight\b.{0,40}\b(?:won'?t|gone|over|no more|never)\b|\bwon'?t be (?:long|around) now\b",
    r"\b(?:don'?t|do not|can'?t) see myself (?:still )?(?:being )?(?:here|alive|around) (?:by|in|next|for)\b",
    # a wish to be dead, told passively
    r"\b(?:wish|hope|hoping|pray\w*)\b.{0,25}\b(?:truck|car|bus|train|someone|something|cancer|illness|god)\b"
    r".{0,25}\b(?:hit|hits|kill|kills|take|takes|end|ends)\b.{0,6}\bme\b",
    r"\bif i (?:didn'?t|don'?t|did not|never|wouldn'?t) wake up\b.{0,60}\b(?:reliev\w*|fine|ok|okay|better|hope|"
    r"hoping|good|glad|peace)",
    r"\b(?:just )?waiting to die\b|\bspeed (?:it|things|the process|this) up\b.{0,20}$",
    r"\b(?:swerv\w*|crash\w*|driv\w*)\b.{0,30}\b(?:into|off)\b.{0,40}\b(?:end(?:ing)? it|be over|die|dead)\b",
    r"\bthink(?:ing)? about\b.{0,60}\band end(?:ing)? it\b",
    r"\b(?:there'?s|there is|found|see) a way out\b.{0,40}\b(?:take it|going to take|gonna take)\b",
    r"\b(?:suicide|sucide|suicde|suiside|dying|death|killing myself|ending it|ending my life) is all i (?:can )?"
    r"(?:think|thought) about\b",
    r"\b(?:wnt|wan|want|wanna) (?:to |2 )?(?:dye|die) and (?:never|nevr|neva|not) wake up\b",
    r"\b(?:wanna|want to|wan2) (?:💀|⚰️|⚰|🪦)",
    # means at hand, a high place now
    rf"\b{_MEANS}\b.{{0,50}}\b(?:in front of me|lined up|laid out|counted out|right here|next to me|in my hand|"
    r"can'?t stop (?:looking at|staring at|"
    r"thinking about)|staring at)",
    r"\b(?:i have|i've got|ive got|i got|got|have)\b.{0,20}\b(?:gun|rifle|pistol)\b.{0,30}\b(?:in my (?:room|hand|"
    r"lap|car)|right now|loaded|next to me)",
    rf"\b(?:standing|sitting|parked|i'?m|im|i am|here|climbed)\b.{{0,25}}\b(?:on|at|by|onto|up on|near) (?:the |a |"
    rf"this |my )?(?:\w+ )?{_HIGH}\b.{{0,50}}\b{_NOW}\b",
    rf"\b{_HIGH}\b.{{0,30}}\b(?:been (?:sitting|standing) here|it'?s (?:really )?windy up here)",
    r"\bthe note\b.{0,40}\b(?:pillow|desk|for (?:my|them|her|him)|find it|nerve|left it)\b",
    r"\b(?:stash|supply|stockpile) of (?:pills|meds|tablets|sleeping pills|painkillers)\b",
    # self-harm in everyday words
    r"\brelaps\w*\b.{0,40}\b(?:sh|self[ -]?harm\w*|cutting|cut|burning)\b|\b(?:days?|weeks?|months?|years?) clean "
    r"(?:from|of) (?:sh|self[ -]?harm\w*|cutting)\b",
    rf"(?:^|\b(?:i|i've|ive|i'm|im)\b).{{0,20}}\b{_HARM}\b.{{0,25}}\b{_BODY}\b.{{0,40}}\b(?:till|until|so) (?:it|they"
    rf"|i) "
    r"(?:bleed|bleeds|split|bruise|hurt)",
    rf"\b{_HARM}\b.{{0,30}}\b(?:my )?{_BODY}\b.{{0,40}}\b(?:on purpose|deliberately|to feel (?:something|anything|"
    r"alive|real)|makes? the (?:noise|thoughts|voices)(?: in my head)? stop|only thing that helps)",
    r"\b(?:on purpose|deliberately)\b.{0,20}\bagain\b.{0,5}$|\b(?:punched|hit) the wall\b.{0,40}\bon purpose\b",
    rf"\b(?:hide|cover|hiding|covering)\b.{{0,20}}\b(?:the )?(?:marks|cuts|scars|scratches|burns)\b.{{0,20}}\b(?:on )?"
    rf"my {_BODY}",
    rf"\bmy {_BODY} (?:are|is|look|looks)\b.{{0,15}}\b(?:a mess|so bad|bad|cut up|covered)\b",
    r"(?:🔪|🩸|🗡️?).{0,20}\b(?:again|tonight|arms?|wrists?|thighs?)\b|\b(?:again|tonight|arms?|wrists?)\b.{0,20}(?:🔪|🩸)",
    r"\b(?:sh|self[ -]?harm) urges?\b|\burges? to (?:sh|self[ -]?harm)\b",
    r"\bstop being a burden\b.{0,30}\b(?:for good|forever|permanently)\b|\b(?:for good|forever) this time\b",
    r"\b(?:nobody|no one|noone)(?: will| would)? (?:has|have|having|needs?) to (?:deal with|worry about|see"
    r"|put up with|"
    r"look at) me (?:ever )?again\b",
    r"\b(?:think|thinking|thought|easy|easier|tempt\w*|urges?|want to|wanna)\b.{0,50}\b(?:not brak\w*|step (?:forward|"
    r"out|off) (?:when|as|in front)|in front of (?:the|a) (?:train|bus|truck|lorry|car|traffic)|into (?:traffic|"
    r"oncoming)|let go of the wheel|drive off (?:the|a)|swerv\w*)",
    r"\bhope (?:that )?i (?:don'?t|dont|won'?t|never|do not) wake up\b|\bpray (?:that )?i (?:don'?t|dont|won'?t|never) "
    r"wake up\b",
    r"\bbetter (?:if )?(?:i|that i|for me to) (?:just )?(?:die|be dead|am dead|was dead)\b",
    r"\b(?:thinking about|think about|thought about|want to|wanna|going to|gonna"
    r"|ready to) (?:just )?jump(?:ing)? (?:out|"
    r"off|from) (?:of )?(?:my|the|a) (?:window|balcony|roof|building|bridge)",
    r"^\W*(?:so |been |feeling |feelin |hella |really |very )?suicidal\b|\bsuicidal (?:af|asf|lately|rn|again|"
    r"tonight|today)\b",
    r"\bi (?:\w+ )?(?:punch|slap|bite|burn|choke) myself\b|\b(?:cut|hurt|hit|scratch)(?:ing|s)? myself\b.{0,40}"
    r"\b(?:when i|every time|whenever|on purpose|to feel|punish|again|bruises|marks|scars|like hard)",
    r"\b(?:bang|banging|hit|hitting|punch\w*)\b.{0,20}\bmy (?:head|fists?)\b.{0,30}\b(?:till|until) (?:it|they|the "
    r"\w+) (?:stops?|go(?:es)? quiet|bleed\w*|hurts?)",
    r"\b(?:pills|meds|tablets|sleeping pills|painkillers|medication)\b.{0,20}\b(?:saved|stashed|hidden|stockpiled|"
    r"hoarded|collected)\b",
    r"\bbought (?:a |some |the )?(?:rope|noose|charcoal)\b(?!.{0,20}\bfor (?:camping|the tent|climbing|my|the|a)\b)",
    r"\b(?:car|engine)\b.{0,40}\b(?:closed|shut) garage\b|\bgarage\b.{0,40}\bengine (?:running|on)\b|\bengine "
    r"(?:running|on)\b.{0,40}\bgarage\b",
    rf"^\W*(?:on|at) (?:the |a )?{_HIGH}\b.{{0,20}}\b{_NOW}\b",
    r"(?:又|再|今天|今日)\s?cut\b|\bcut\s?(?:了)?自己|\bmy ?遗(?:书|言)|\b(?:wrote|written|writing) (?:my "
    r"|a )?遗(?:书|言)",
    # Chinese
    r"(?:不要|不想|别|再也不|永远不|不用|不再)(?:再)?醒(?:来|过来)?(?![a-z])|(?:睡着|睡过去|睡下去)(?:了)?(?:就)?(?:再也|永远)?"
    r"(?:不|别)(?:要)?(?:再)?醒",
    r"活着(?:真|真的|好|太|实在)?(?:没|没有)(?:意思|意义|必要)|(?:彻底|永远|一死|死了)解脱",
    r"(?:又|开始|一直|还在|偷偷|经常|又开始)(?:在)?(?:自残|自伤|割腕|划手|割手|划自己|割自己|伤害自己)|划手|割手|"
    r"(?:划|割)得.{0,4}深|用刀.{0,4}(?:割|划|伤)(?:自己|手)",
    r"(?:安眠药|药片|药).{0,8}(?:攒|存|囤|储)(?:了|够|着|起来)|(?:安眠药|药).{0,10}(?:够了|够的)|"
    r"(?:带着?他|带着?她|跟他|跟她).{0,4}一起(?:走|去)|找个时间.{0,4}(?:自己)?了断|自己了断|还没跳下去|"
    r"(?:药|药片).{0,8}(?:数过了|数了数|一百多(?:颗|片))|(?:一次(?:过|性)?|全部)(?:吃|食|吞)(?:完|光|掉)|"
    r"准备好(?:了)?(?:要)?走(?:了|喇|啦)|已经(?:决定|定|选|挑)(?:了|好)(?:日子|日期)|想好(?:了)?(?:从)?(?:哪里|哪儿|在哪)(?:跳|死|结束)|(?:烟头|打火机|火机).{0,4}"
    r"(?:烫|辣|烧)(?:自己|手)|(?:烫|辣)自己|(?:药|绳子|刀|炭).{0,3}(?:都)?(?:准备好|备好|买好)了?",
    r"(?:我)?(?:现在|正|已经)?(?:在|站在|坐在|爬上)(?:了)?(?:天台|楼顶|桥上|大桥上|江边|河边|顶楼|悬崖|铁轨).{0,12}"
    r"(?:现在|风好大|好高|一个人|最后)|(?:现在|正)在(?:天台|楼顶|桥上|大桥上|顶楼|铁轨)",
    r"(?:如果|要是)我(?:明天|哪天|突然)?(?:消失|不在|走|死)了?.{0,12}(?:轻松|更好|开心|解脱|没人(?:会)?(?:发现|在乎|"
    r"难过))",
    r"(?:今晚|今天|明天|马上|等下|这周|今夜)(?:就)?(?:结束|了结|解脱|动手)(?:了|吧|一切)?(?:$|[，。！!.,])",
])

SELF_SIGNS_ALL = _c([
    r"\bmake (?:my|it) (?:suicide|death|overdose)?\s?look like an? accident\b",
    r"\b(?:found|saw|noticed|seen) (?:my|the) (?:cuts|scars|marks|burns|blades?)\b.{0,60}\b(?:i|me|my)\b",
    r"(?:我|妈妈|妈|爸爸|爸).{0,20}(?:跟他|跟她|带着?他|带着?她).{0,4}一起(?:走|去)|想着?(?:跟|和)(?:他|她).{0,2}一起"
    r"(?:走|去)",
    r"(?:药|安眠药|药片).{0,10}我.{0,6}(?:存|攒|囤|储)(?:起来|了|着)",
    r"\b(?:think|thinks|thought) the (?:bandages|plasters|cuts|scars|marks|burns) are from\b|\bthe (?:bandages|cuts|"
    r"scars|marks)\b.{0,40}\bthey'?re not\b",
])

STRONG_SIGNS = _c([
    r"\b(?:after|when|once|if) i'?m (?:gone|dead|not here|not around)\b|\bif i (?:was|were) (?:gone|dead|not here|"
    r"not around)\b",
    r"\b(?:sorted|sorting|wrote|writing|made|updated|finished|put) (?:out |in order )?(?:my )?(?:will|passwords|"
    r"affairs)\b|\beverything (?:will be|is) in order\b|\bhave everything sorted\b",
    r"\b(?:they|family|kids|wife|husband|parents)\b.{0,30}\b(?:get|gets|would get|will get|have)\b.{0,15}"
    r"\b(?:the |my )?(?:life )?insurance\b|\bif anything (?:happens|were to happen) to me\b",
    r"\b(?:picked|chose|set|choosing|picking) (?:a|the) date\b|\bwork up the (?:nerve|courage)\b",
    r"\b(?:sorry for everything|i'?m sorry for being (?:a burden|like this))\b|\b(?:she|he"
    r"|they)'?ll understand later\b",
    r"\b(?:finally|get to) (?:rest|be at peace|be free|sleep forever)\b",
    r"\b(?:gave|giving|given|give) (?:away )?my (?:cat|dog|pets?|guitar|things|stuff|belongings|possessions|jewelry|"
    r"jewellery|games|books|plants|clothes)\b.{0,30}\b(?:to|away)\b",
    rf"\b(?:want|wanna|going) to (?:go )?be with (?:my )?{_DEAD_KIN}\b.{{0,40}}\b(?:passed|died|gone|heaven|again)",
    r"\bwaiting for (?:it|everything|this) to (?:be over|end)\b",
    r"\bdeleted (?:all )?my (?:socials|accounts|social media|instagram|profiles?)\b|\bwhere (?:the|my) passwords are\b",
    r"\bfeel(?:s|ing)? (?:so |really )?(?:calm|at peace|peaceful|relieved) (?:for the first time"
    r"|now that i'?ve decided|"
    r"about (?:it|my decision))",
    r"\binsurance (?:money|payout|pays? out)\b.{0,60}\b(?:give|useful|only|them)\b|\bonly (?:useful"
    r"|good) thing i (?:can|could) (?:give|do for) them\b",
    r"\btired of fighting\b|\bcan'?t fight (?:it |this )?anymore\b|\blet go (?:this time|for good|of (?:it all|"
    r"everything|life))\b",
    r"\b(?:test|try|prove) (?:that|this|the|my) theory\b",
    r"\bthe s[- ]?word\b",
    r"\b(?:don'?t|dont|never|won'?t|wont) come back\b",
    r"\bseems? (?:fitting|right|like the right (?:day|time))\b",
    r"\bgave (?:away )?my (?:\w+ ){0,2}\w+ to (?:my|the|a|his|her)\b",
    r"\b(?:wrote|writing|written) (?:letters|notes|cards) to (?:the few|everyone|my|all|people|each)\b",
    r"不想(?:再)?(?:拖累|麻烦|连累)(?:你们|大家|家里|孩子)|不想再当.{0,4}负担|你们不用回来|没什么牵挂|不给你们添麻烦|"
    r"受益人|(?:东西|物品).{0,4}分给|存折密码|(?:就|也就)?不用操心了|做完.{0,12}(?:就走|我就走)|"
    r"我(?:要是|如果)(?:走|不在)了",
    r"\b(?:counting|counted) them (?:out|again)\b|\bin the (?:bedside )?drawer\b.{0,40}\bthink about it\b|"
    r"\b(?:loaded|cleaned) (?:it|my (?:pistol|gun|rifle|shotgun))\b|\b(?:shotgun|gun|rifle|pistol)'?s? (?:is )?in the "
    r"(?:truck|car|drawer)\b|\bjust (?:sitting|holding)\b.{0,20}\bwith it\b",
    r"\bi chose this\b|\b(?:for|so) (?:my )?(?:kids|children|family|wife|husband) to read after\b",
    r"\bi'?m heading the same way\b|\b(?:a|the) plan rather than\b",
    r"\bif (?:something|anything) (?:happens|happened|were to happen) to me\b.{0,40}\b(?:fine|better|ok|okay)\b",
    r"\bstopped taking my (?:lithium|meds|medication|antidepressants|pills|insulin)\b",
    r"\b(?:good|right|perfect) (?:day|time|night) to go\b|\bi'?ll finally (?:leave|go)\b|\boverstayed\b",
    r"\bi'?m (?:on|at|up on) (?:the |a )?(?:roof|rooftop|ledge|bridge|edge|tracks|cliff)\b",
    r"\b(?:wrote|written|finished) the note\b|\bpicked (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"the day|a day)\b",
    r"\b(?:closer to|edge of) the (?:yellow line|platform edge|edge)\b|\b(?:fast|express) trains? (?:don'?t|do not) "
    r"stop\b",
    r"\btalk to (?:something|someone|somebody|you) first\b",
    r"\bmaking sure (?:\w+ )?(?:is |are |'s |'re )?(?:looked after|taken care of|sorted|provided for)\b",
    r"\b(?:just )?wanted to talk to (?:someone|somebody|you|anyone) (?:first|before|one last time)\b",
    r"决定(?:了|好)?(?:日子|时间|日期)|(?:选|挑|定)好(?:了)?(?:日子|日期)",
    r"差不多够了|够了吧(?:$|[。.])",
    r"把.{0,6}(?:猫|狗|东西|宠物|首饰|吉他).{0,4}送(?:给|人|掉)|不用(?:再)?麻烦(?:大家|你们)了|不会再麻烦(?:你们|大家)|"
    r"东西(?:也|都|已经){0,2}(?:整理|收拾)好了|(?:想|怎么|如何|只想)(?:才能)?(?:彻底)?解脱|应该够了|已经想好了|快了(?:$|[。.!！])|(?:密码|遗嘱).{0,4}(?:写好|整理好|交代)",
])

THIRD_SIGNS = _c([
    r"\b(?:fine|better off|happier) without (?:him|her|them)\b|\bworth more with (?:me|him|her) dead\b",
    r"\b(?:she|he|they) (?:doesn'?t|does not|don'?t) see the point (?:of|in) (?:making it|living|going on|being alive)",
    r"\bthank\w* (?:me|us|everyone|everybody) for everything\b|\bbefore (?:he|she|they) goes?\b|\bexit (?:kit|bag)\b",
    r"\b(?:gave|giving|given) (?:away )?(?:\w+ ){0,3}(?:his|her|their) \w+(?: \w+)?\b.{0,80}\b(?:tidying up"
    r"|won'?t need|"
    r"in order|sorted|say(?:ing)? goodbye|for good)",
    r"\bbetter off with (?:the|his|her|my) (?:life )?insurance\b|\bgarage\b.{0,40}\blocked\b",
    r"\b(?:goodbye|good times|love you|thank you for everything|sorry for everything|last)\b.{0,60}\b(?:phone (?:is )?"
    r"(?:switched|turned) off|not (?:answering|picking up)|won'?t (?:answer|pick up)|can'?t reach)",
    r"\b(?:told|said)\b.{0,30}\bwon'?t need (?:it|them|these|anything)\b|\bsaving up (?:his|her|their) "
    r"(?:tablets|pills|meds)\b|\b(?:he|she|they)'?d rather (?:die|be dead)\b",
    r"(?:再见了?|永别了?)[，,]?(?:这个)?世界|(?:说|要)(?:要)?去跳(?:江|河|楼|桥|海)|说.{0,3}[“\"']?我死了",
    r"\b(?:her|his|their) (?:arms?|wrists?|legs?|thighs?)\b.{0,30}\b(?:covered in|full of) (?:cuts|scars|burns)",
    r"\b(?:it'?s|its|it is) (?:their|his|her) last (?:night|day)\b|\bbetter off without (?:her|him|them)\b|"
    r"\blocked (?:her|him|them)sel\w* in\b",
    r"(?:他|她|bestie|friend|朋友|同学|室友|闺蜜|兄弟)[^。！？!?]{0,10}(?:要|想|准备|打算)\s?(?:jump|跳|死|自杀|die|kill)",
    r"\b(?:texted|messaged|sent|posted|said|wrote|told me|dm'?d me|dmd me)\b.{0,30}(?:goodbye|thank you for "
    r"everything|thanks for everything|tonight'?s the night|i'?m sorry for everything|won'?t have to deal with me|"
    r"won'?t be around)",
    r"\b(?:he|she|they)(?:'s| is| are|'re| was) (?:\w+ )?(?:on|at) (?:a|the) (?:bridge|roof|rooftop|ledge|tracks|"
    r"cliff)\b",
    r"\b(?:he|she|they|friend|roommate|brother|sister|mom|mum|dad|son|daughter|partner)\b.{0,30}\b(?:has|have|"
    r"keeps?|got) (?:a )?(?:stash|stockpile|supply) of (?:pills|meds|tablets)",
    r"\b(?:her|his|their) (?:diary|journal|notebook|notes|messages?|posts?|search history)\b.{0,50}\b(?:die|dying|"
    r"suicide|kill (?:her|him|them)sel\w*|end (?:it|her life|his life|their life)|not (?:be )?(?:here|alive))",
    r"\bcuts (?:all )?(?:on|over) (?:his|her|their) (?:arms?|wrists?|legs?|thighs?)\b",
    rf"\b(?:wants?|wanting|keeps? saying (?:she|he) wants?) to (?:go )?be with (?:\w+ ){{0,2}}{_DEAD_KIN}\b.{{0,50}}"
    r"\b(?:passed|died|gone|heaven)",
    r"\b(?:gave|giving|given) (?:me |us |away )?(?:all )?(?:of )?(?:his|her|their) (?:things|stuff|belongings|"
    r"possessions|plants|jewelry|jewellery|pets?|cat|dog|games|clothes)\b",
    r"(?:我妈|我爸|妈妈|爸爸|朋友|室友|同学|孩子|儿子|女儿|仔|囡|老公|老婆|男朋友|女朋友|闺蜜|同事|哥哥|姐姐|弟弟|妹妹)"
    r"[^。！？!?]{0,20}(?:活着(?:真|好|太)?(?:没意思|没意义|太累|好累)|不想活|想死|想去找.{0,4}(?:奶奶|爷爷|妈妈|爸爸|外婆|"
    r"外公)|(?:首饰|东西|宠物).{0,6}送(?:人|掉|给))",
])

METHOD_MORE = _c([
    r"\b(?:more|most|less|least) (?:lethal|deadly|fatal|painful|painless|effective|reliable|certain)\b.{0,40}"
    r"\b(?:hanging|jumping|drowning|pills|overdos\w*|cutting|shooting|a gun|gas|poison\w*|bleeding|suffocat\w*)",
    r"\b(?:hanging|jumping|drowning|pills|overdos\w*|cutting|shooting|a gun|gas|poison\w*)\b.{0,30}\b(?:or|vs|versus)"
    r"\b.{0,30}\b(?:more|most|less|least|which) (?:lethal|deadly|fatal|painful|painless|effective|reliable)",
    r"\b(?:pills|meds|drugs|medication|medicine|tablets)\b.{0,40}\b(?:so (?:i|you|he|she|they|someone) )?(?:don'?t|"
    r"dont|won'?t|never|do not|doesn'?t|not) wake up",
    r"\b(?:where|how) (?:can|do|could|would|to|should) (?:i |you |someone |u |one )?(?:buy|get|find|obtain|order)\b"
    r".{0,40}\b(?:end (?:my|a|his|her|their) life|kill (?:me|myself|someone|a person)|to die|die painless\w*)",
    r"\blook like an? accident\b",
    r"\b(?:fall|jump|drop|overdose|od|gunshot|hanging|falling|jumping)\b.{0,50}\bsurviv\w*|\bsurviv\w*\b.{0,40}"
    r"\b(?:fall|jump|drop|overdose|od|gunshot|hanging)\b",
    r"\b(?:does|do|would|will|is|how much does) (?:drowning|hanging|bleeding out|overdosing|an overdose|suffocating|"
    r"jumping|being hit by a train|carbon monoxide|slitting \w+ wrists?|cutting \w+ wrists?)\b.{0,30}\b(?:hurt|"
    r"painful|pain|quick|fast|pass out|long)",
    r"\bhow long\b.{0,30}\b(?:last|survive|live|take|until)\b.{0,40}\b(?:cut\w*|wrists?|overdos\w*|pills|hanging|"
    r"drown\w*|bleed\w*|poison\w*|hit by a train)",
    r"\b(?:lengthwise|vertical(?:ly)?|down the road)\b.{0,20}\bwrists?\b|\bwrists?\b.{0,30}\b(?:lengthwise|"
    r"vertical(?:ly)?)",
    r"\b(?:stations?|tracks|platforms?)\b.{0,50}\b(?:no|without|don'?t have|do not have) (?:platform )?(?:doors|"
    r"barriers|gates|fences|screens)\b|\bexpress trains? (?:going|passing|pass|go) through\b",
    r"\b(?:which|what) (?:pills|meds|drugs|medication)\b.{0,40}\bhow many\b|\bhow many\b.{0,30}\brealistically\b",
    r"\bpainless(?:ly)?\b.{0,40}\b(?:method|way|how)\b|\b(?:method|way)\b.{0,40}\bpainless(?:ly)?\b",
    r"\bhang(?:s|ed|ing)? (?:him|her|them|my|your|one)sel\w*\b.{0,60}\b(?:how|tie|knot|accurate|realistic)",
    r"\bstep[- ]by[- ]step\b.{0,70}\b(?:(?:took|take|taking) (?:his|her|their|my|your) (?:own )?life|kill\w*|"
    r"suicide|overdos\w*|hang\w*|die|end\w* (?:his|her|their|my) life)",
    r"\bstop (?:\w+'?s|someone'?s|a person'?s|a human'?s) heart\b|\bpotassium chloride\b",
    r"\b(?:humane|diy|dignified|gentle)\b.{0,20}\b(?:method|way|exit|suicide)\b",
    r"\b(?:best|easiest|quickest|fastest|surest) (?:way|method) (?:to|of) (?:sewer ?slide|kms|unalive|ctb)\b",
    r"\b(?:is|would|does|will)\b.{0,30}\b(?:jumping|hanging|drowning|overdos\w*|shooting|cutting|a train)\b.{0,30}"
    r"\b(?:instant|quick|painless|immediate|certain)\b",
    r"\b(?:swallow\w*|took|take|taking|drank|drink)\b.{0,20}\b(?:whole|entire|all|a) (?:bottle|box|pack|packet|strip)\b"
    r".{0,60}\bwhat (?:would|will|happens)|\bwhat (?:would|will) happen\b.{0,40}\b(?:swallow\w*|took|take|taking)\b"
    r".{0,20}\b(?:whole|entire|all|a) (?:bottle|box|pack)",
    r"\b(?:buy|buying|get|getting)\b.{0,30}\b(?:painkillers|paracetamol|pills|tablets|sleeping pills)\b.{0,40}"
    r"\b(?:different (?:shops|stores|pharmacies)|without (?:them |anyone )?notic\w*|notice)|\bpharmac\w* notice\b",
    r"\b(?:wouldn'?t|won'?t|doesn'?t|would not|never) make it (?:back )?(?:out|up)\b|\bhow cold\b.{0,30}\b(?:water|"
    r"river|lake|sea)\b",
    r"\b(?:chemicals?|bleach|ammonia)\b.{0,40}\b(?:gas|fumes)\b.{0,60}\b(?:small room|closed room|enclosed|fastest|"
    r"quickest|kill|die|deadly)",
    r"\b(?:spot|place|part|where)\b.{0,30}\bwrists?\b.{0,40}\bcut\w*|\bcut\w*\b.{0,30}\bwrists?\b.{0,30}\b(?:worse|"
    r"deeper|more dangerous)",
    r"\bstop(?:ped|ping)? taking (?:my |his |her |their )?(?:insulin|meds|medication|heart medication)\b.{0,50}"
    r"\b(?:how (?:many|long)|until|be over|die|dead)",
    r"\bhow long\b.{0,60}\b(?:too late|unconscious|engine (?:on|running))",
    r"\b(?:exact|what|which|realistic) dose\b.{0,40}\b(?:realistic|for a \d+ ?kg|for (?:a|an) (?:\w+ )?(?:woman|man|"
    r"person|adult|teen))|\bkills? (?:her|him|them)sel\w*\b.{0,40}\b(?:dose|how many|how much)",
    r"\b(?:die|dies|dying|death|kill\w*|suicide)\b.{0,80}\b(?:quickest|fastest|easiest|surest|most realistic) "
    r"(?:irl |real[- ]life )?(?:method|way)\b",
    r"\bhow (?:high|tall)\b.{0,30}\b(?:building|bridge|cliff|floor|roof|window)\b.{0,60}\b(?:surviv\w*|die|dies|dead|"
    r"fall|jump\w*|believable|enough|fatal)",
    r"\b\d+ (?:floors?|stor(?:e)?ys?|metres?|meters?|feet|ft|pills|tablets)\b.{0,20}\b(?:be )?enough\b",
    r"\b(?:which|what)(?:'s| is)? (?:quicker|faster|more certain|more reliable|less painful|surer|better)\b.{0,40}"
    r"\b(?:hanging|carbon monoxide|gun|shotgun|pills|overdos\w*|jumping|drowning|cutting|poison\w*)",
    r"\b(?:shotgun|gun|pistol|rifle)\b.{0,40}\b(?:chest|head|mouth|temple)\b.{0,30}\b(?:certain|sure|quick|better)",
    r"\b(?:steps?|jumps?|walks?) (?:onto|on to|in front of) the (?:tracks|train|line)\b.{0,40}\?|\bstop in time\b",
    r"\bpermanent (?:knockout|sleep|nap)\b|\b(?:otc|pills|meds|tablets|stuff)\b.{0,40}\bmix(?:ed|ing)? (?:it |them )?"
    r"with (?:a lot of )?(?:vodka|alcohol|booze|whisky|wine)\b",
    r"\b(?:fastest|quickest|easiest|best|surest) way (?:\w+ ){0,3}(?:could|can|would|to) (?:od|overdose|die|end it"
    r"|kill)",
    r"\bknot\b.{0,40}\bhang\w*|\bhang\w*\b.{0,40}\bknot\b",
    r"\bhow long\b.{0,80}\b(?:garage|car running|engine running|pass out and not wake)",
    r"\bhow (?:many|much)\b.{0,50}\b(?:\d+ ?mg|mg|tablets?|pills?|capsules?|of these|of my)\b.{0,40}\btoo (?:many"
    r"|much)\b",
    r"\b(?:weedkillers?|herbicides?|pesticides?|paraquat|poisons?)\b.{0,60}\b(?:drink|drank|swallow\w*)\b",
    r"\b(?:express|fast|non-?stop) trains?\b.{0,80}\b(?:full speed|slow down|times? (?:do|does) they pass|pass through|"
    r"don'?t stop)",
    r"\b(?:took|take|taking|swallowed)\b.{0,15}\b(?:a whole|an entire|the whole|a full|all)\b.{0,40}\b(?:at once"
    r"|in one "
    r"go)\b.{0,40}\b(?:quick|suffer|die|kill|hurt|fatal)",
    r"\b(?:gentlest|most reliable|most humane|least painful|most peaceful)\b.{0,30}\b(?:method|way|drugs?)\b",
    r"\bwhich (?:drugs|pills|medications?|poisons?)\b.{0,60}\b(?:amounts?|doses?|how much|how many)\b",
    r"\b(?:what|which) (?:\w+ )?poisons?\b.{0,40}\b(?:use|need|how much|would)\b|\bhow much would a (?:human|person)"
    r" need\b",
    r"\benough to kill (?:me|them|him|her|someone|a person|a human|myself)\b",
    r"(?:跳|jump\w*).{0,30}(?:which floor|how high|high enough)|(?:which floor|high enough).{0,30}(?:跳|jump)",
    r"(?:喝|吃|吞)多少.{0,6}(?:会)?(?:没救|救不回来|会死|没命)|(?:百草枯|农药|敌敌畏|安眠药).{0,10}(?:还能|能|哪里)?买(?:到|得到)",
    r"(?:看起来|伪装成?|弄得)像(?:是)?意外|用什么药.{0,6}(?:最)?(?:不痛苦|快|致命)|剂量(?:大概)?(?:多少|是多少)",
    r"(?:几楼|多高|几层).{0,6}跳.{0,8}(?:痛|疼|快)|(?:睡过去|不再醒|再也醒不)",
    r"(?:上吊|割腕|跳楼|烧炭|服毒|溺水|淹死|卧轨|跳河|跳桥)(?:会不会|会|疼不疼|痛不痛|很|要)?.{0,6}(?:痛苦|疼|痛|多久|"
    r"多长时间|难受)",
])

TOPIC_WORDS = _c([
    r"\b(?:suicid\w*|sui-?side|die(?! for\b)|dying(?! (?:for|to)\b)|dead|death|funeral|not (?:be )?(?:here|around"
    r"|alive)|gone for good|"
    r"disappear for good|(?:not|never|don'?t|didn'?t|stop) (?:to )?(?:wake|waking) up|stay asleep|sleep forever|"
    r"overdos\w*|blade|razor|gun|pistol|rifle|shotgun|\.45|rope|noose|pills|tablets|meds|morphine|antidepressants|"
    r"bridge|roof|ledge|tracks|platform|quarry|cliff|end (?:it|things|my life|everything)|ending it|not exist|"
    r"checked out|after i'?m gone|without me|hurt(?:ing)? myself|cut(?:ting)? myself|starving myself|bled|"
    r"bleed\w*|bandages|exit)\b",
    r"自杀|死|走了|不在了|遗书|遗言|安眠药|药|跳|楼顶|天台|河边|江边|了断|解脱|牵挂|负担|拖累|保险",
])
TOPIC_MARKS = _c([
    r"\b(?:i'?ve decided|decided|i'?m ready|ready now|it'?s time|nearly time|won'?t be|don'?t expect|for good|forever|"
    r"permanent\w*|plan\w*|arrangements?|in order|relief|relieved|peaceful|at peace|thinking (?:about|of)|"
    r"think (?:about|of)|thought about|keep (?:thinking|imagining|picturing)|imagin\w*|pictur\w*|counting|saved up|"
    r"saving|tonight|right now|sitting here|holding|loaded|wish|hoping|hope|easier|better off|won'?t need|"
    r"no longer|anymore|last|goodbye|letters?|note|ways? to|how i'?d)\b",
    r"想好|决定|准备|打算|算了|够了|以后|不用|别找|交代|最后|今晚|一起去|好好的|攒|存",
])
FINALITY = _c([
    r"\bmade (?:the |all the )?arrangements\b", r"\bwhere the keys are\b|\bleft the keys\b", r"\bbetter this way\b",
    r"\bstrange relief\b|\bto have decided\b|\balready decided\b", r"\bnothing left (?:that|to)\b",
    r"\bdon'?t (?:expect|plan on) (?:to be )?needing\b|\bdon'?t expect to be\b", r"\bchecked out\b",
    r"\bstop pretending\b", r"\bcleared out my\b|\bcancell?ed my (?:subscriptions|phone|contract|gym|accounts)\b",
    r"\b(?:with|in) the will\b|\bthe envelope\b", r"\btwo-?year exclusion\b|\bexclusion period\b",
    r"\bloose ends\b", r"\bmade my peace\b", r"\b(?:documents|papers|paperwork) in order\b",
    r"\bwho gets my (?:stuff|things|\w+)\b", r"\bmy \w+ goes to my\b",
    r"\bmake sure my (?:cat|dog|pets?|kids?|\w+) (?:goes|go|is looked after"
    r"|gets)\b", r"\bso someone finds it\b", r"\bweight on (?:my|them|everyone)\b",
    r"\bmade sure of that\b", r"\bmy last day\b", r"\bright (?:night|day|time) to stop\b",
    r"\bhad enough of me\b", r"\bthank you for everything\b", r"\beverything'?s ready\b|\beverything is ready\b",
    r"\bjoining them\b", r"\bdoing something about (?:that|it)\b", r"\bnot scared anymore\b",
    r"\bi picked (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the day|a day)\b",
    r"\bwon'?t be around for\b", r"\bwhat i meant by it\b", r"\bfor the owner\b|\bwhen the owner dies\b",
    r"不再回来|想(?:怎么|怎样)离开|不想再撑下去",
    r"\bwon'?t be (?:coming back|around|here)\b|\b(?:coming|come) back from\b|\bmake it official\b|"
    r"\bnothing left (?:that|to) (?:needs?|keep)|\bfinally go\b|\b(?:i think )?i'?m ready now\b|\bnearly time\b|"
    r"\bcounting down\b|\b(?:my )?affairs in order\b|\blife (?:policy|insurance)\b|\bthe kindest thing\b|"
    r"\bneeding it much longer\b|\b(?:take|taking) (?:the|a) long (?:nap|sleep)\b|\bthe permanent one\b|"
    r"\bjust won'?t be here\b|\bstrange relief to have decided\b|\bwaiting for the right time\b",
    r"没什么牵挂|不给你们添麻烦|别找我|以后你们(?:娘俩|要)?好好(?:的|过)|(?:密码|存折|保险单).{0,12}(?:写|放|交代)|"
    r"(?:东西|物品).{0,4}分给|也就不用操心了|就不回来了",
])
