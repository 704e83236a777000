"""What a message asks for, and softer signs of risk (chat/safety.py): method questions, diet and
diagnosis requests, "just kidding", fiction framing, and the concern words that build the running
risk of a conversation. Detection data only, never shown; patterns read chat/safety_text.py views.
"""
from __future__ import annotations

from .safety_lexicon import _c

_MEANS = (r"(?:pills?|tablets?|meds|medicine|medication|drugs?|painkillers?|paracetamol|acetaminophen|tylenol|panadol"
          r"|ibuprofen|advil|aspirin|insulin|sleeping (?:pills?|tablets?)|antidepressants?|sertraline|xanax|valium"
          r"|benzos?|opioids?|fentanyl|oxy\w*|morphine|heroin|bleach|antifreeze|rat poison|poison|weed ?killer"
          r"|cyanide|pesticide|charcoal|helium|nitrogen|rope|noose|belt|gun|firearm|bullet|knife|razor|blade"
          r"|(?:household )?chemicals?"
          r"|安眠药|药片|药|安定|百草枯|农药|老鼠药|毒药|氰化物|木炭|炭|绳子?|枪|刀片|刀)")
_DIE = (r"(?:kill|die|dead|death|fatal|lethal|deadly|overdose|od|o\.d|be enough|end (?:it|my life|a life)"
        r"|not wake up|never wake up|stop (?:my|your|a|the|his|her) heart|unalive|bleed out|pass out for good"
        r"|会死|能死|致死|死掉|死人|没命|醒不过来|断气|毙命)")
_HOWTO = r"(?:how|best|easiest|quickest|fastest|painless|least painful|surest|quietest|simplest|most effective|ways?)"
_ACT = (r"(?:kill (?:my|your|him|her|them|one|one's|oneself)sel(?:f|ves)?|kill (?:myself|yourself|oneself|someone)"
        r"|commit suicide|suicide|end (?:my|your|a|his|her|their|one'?s) (?:own )?life|end it(?: all)?|unalive"
        r"|overdose|od|hang (?:my|your|him|her|them|one)sel\w*|slit|bleed out|suffocate|drown (?:my|your|him|her)sel\w*"
        r"|die|not wake up|gas (?:my|your)sel\w*|poison (?:my|your|him|her|them)sel\w*|shoot (?:my|your|him|her|"
        r"them)sel\w*"
        r"|jump off|get a gun|tie a noose|make a noose|cut (?:my|your|his|her|their) (?:wrists?|veins?|arms?|throat))")

METHOD = _c([
    # direct: how many / how much ... would kill me
    rf"\bhow (?:many|much)\b.{{0,50}}\b(?:to|would|will|could|can|does it take to|is needed to|do i need to|until|"
    rf"before|is|are)\b.{{0,25}}\b{_DIE}",
    r"\b(?:lethal|fatal|deadly|toxic|killing|overdose|od) (?:doses?|amounts?|quantit(?:y|ies)|levels?|limits?|"
    r"threshold)\b",
    r"\b(?:tie|tied|tying|make|made|making) (?:a|the) (?:noose|ligature)\b|\bstep by step\b.{0,30}\b(?:noose|overdose|"
    r"kill|die|suicide|hang)",
    r"\b(?:can|could|will|would|do|does) (?:you|i|someone|a person|u|people|one) die (?:from|of|if|by)\b",
    rf"\b(?:which|what)\b.{{0,30}}\b{_MEANS}\b.{{0,40}}\b(?:most|more) (?:damage|harm)\b|\btake a lot (?:at once|"
    r"of them)\b",
    r"\b(?:bridge|building|cliff|roof|rooftop|tower|car park|parking garage|overpass)s?\b.{0,40}\b(?:doesn'?t|does not|"
    r"don'?t|do not) have (?:a |any |the )?(?:safety )?(?:fence|fences|railing|railings|barrier|barriers|nets?)\b",
    r"\b(?:fastest|quickest|easiest|most painless) way to (?:die|go|end it|not wake up)\b",
    rf"\bhow (?:many|much) {_MEANS}\b.{{0,25}}\btoo (?:many|much)\b",
    r"\b(?:what|which) poisons?\b|\bpoisons? (?:that )?(?:works?|kills?|acts?) (?:fastest|quickest|best)",
    r"(?:哪个|哪座|哪栋|哪里的?)(?:桥|楼|大楼|天台|楼顶|大桥|悬崖).{0,4}(?:最高|够高|没人管|没有护栏)",
    r"\b(?:which|what) (?:bridge|building|cliff|roof|rooftop|tower|car park|parking garage|overpass)s?\b.{0,40}"
    r"\b(?:highest|tallest|high enough|no fence|no railing)",
    rf"\bhow (?:does|do|would|could|can|should) (?:\w+ ){{0,3}}{_ACT}\b",
    rf"\b{_HOWTO}\b.{{0,40}}\b(?:to|of|for|way to|ways to|method|methods) {_ACT}\b",
    r"\b(?:painless|peaceful|quick|quickest|easy|easiest|clean|quiet|sure|surest|reliable) "
    r"(?:way|ways|method|methods|death|suicide|exit)\b(?! (?:to (?:study|learn|cook|clean|lose|make|fix|get|save)))",
    r"\bsuicide (?:methods?|techniques?|ways?|options?|plan details)\b|\bmethods? (?:of|for) suicide\b",
    r"\bhow (?:long|fast|quickly) (?:does it|would it|will it|until|before|can you|could you|to)\b.{0,40}"
    r"\b(?:die|death|bleed|drown|suffocate|overdose|pass out|lose consciousness|stop breathing)",
    r"\b(?:tallest|highest|high enough|how high|what height|which floor|how many (?:floors|stories|storeys|feet|meters|"
    r"metres|m))\b.{0,50}\b(?:jump|fall|die|survive|kill|fatal|lethal|drop)",
    r"\b(?:tallest|highest|high)\b.{0,30}\b(?:bridge|building|cliff|roof|rooftop|tower|car park|parking garage|"
    r"overpass)"
    r"\b.{0,30}\b(?:nearby|near me|near here|near (?:the|my) \w+|around here|close to (?:me|here)|in (?:my"
    r"|this) (?:town|city|area)"
    r"|i can (?:get|go|climb)|to jump|with no (?:fence|railing)|without (?:a )?(?:fence|railing))",
    r"\b(?:bridge|building|cliff|roof|rooftop|tower|car park|parking garage|overpass)s?\b.{0,30}\b(?:no|without) "
    r"(?:fence|fences|railing|railings|barrier|barriers|nets?)\b",
    rf"\b(?:which|what)\b.{{0,30}}\b{_MEANS}\b.{{0,50}}\b(?:most |least |more |the )?(?:dangerous|deadly|lethal|fatal|"
    r"toxic|kill|die|overdose|od|stop (?:your|the|my) heart|not wake up|painless)",
    rf"\b(?:most|more|least|very) (?:dangerous|deadly|lethal|fatal|toxic|painless)\b.{{0,30}}\b{_MEANS}\b",
    rf"\b{_MEANS}\b.{{0,40}}\b(?:in (?:an |a )?overdose|to overdose on|to od on|would kill|will kill|could kill|"
    r"can kill|kill me|kill you|kill someone|kill a person|be fatal|be lethal|be deadly|is fatal|is lethal|enough to)",
    rf"\b(?:can|could|will|would|does|do|is|are)\b.{{0,50}}\b{_MEANS}\b.{{0,40}}\b(?:kill|fatal|lethal|deadly|die|"
    r"dead)",
    rf"\b(?:die|dying|death) (?:from|by|of) (?:taking |an? |too many |too much )?(?:overdose|{_MEANS})",
    r"\bwhere (?:can|do|could|would|should) (?:i|you|one|someone|people)\b.{0,20}\b(?:buy|get|find|obtain|order)\b"
    r".{0,30}\b(?:gun|firearm|rope|noose|poison|cyanide|helium|barbiturates?|nembutal|pentobarbital|sleeping pills"
    r"|pills without|without (?:a )?prescription|something to (?:die|end it))",
    rf"\bhow (?:to|do (?:i|you|people|they|u)|would (?:i|you|someone|my character|a character|he|she|they|a person)"
    rf"|can (?:i|you|someone|u)|should (?:i|my character)|could (?:i|someone|my character)|does (?:one|someone))\b"
    rf".{{0,40}}\b{_ACT}\b",
    r"\bhow deep\b.{0,30}\b(?:cut|wrist|vein|artery)|\b(?:which|what) (?:vein|artery|arteries)\b|"
    r"\bwrists?\b.{0,20}\b(?:vertical|horizontal|down the road|across)",
    r"\bwhat happens\b.{0,30}\b(?:if|when) (?:you|i|someone|u|a person)\b.{0,20}\b(?:take|swallow|drink|od|overdose)\b"
    r".{0,30}\b(?:whole|too many|too much|all|bottle|box|pack|\d+)",
    r"\b(?:what|which) (?:is|are|'s) the (?:best|easiest|quickest|surest|most painless) (?:way|method|thing)\b.{0,20}"
    r"\b(?:die|end|kill|suicide|not wake)",
    # Chinese (and code-mixed)
    r"(?:吃|服|喝|吞)(?:多少|几)(?:片|粒|颗|瓶|盒|克|毫克|板)?.{0,15}(?:会死|能死|才死|致死|死掉|就死|死人|没命|死得去|"
    r"醒不过来|断气)",
    rf"多少.{{0,6}}{_MEANS}.{{0,10}}(?:会死|能死|致死|死掉|没命|醒不过来)",
    r"致死(?:量|剂量)|致命(?:剂量|的量)|(?:最|比较)?(?:致命|致死)的(?:药|方法|方式|办法)",
    r"(?<![不没别])(?:怎么|怎样|如何|咋|用什么|有什么)(?:样)?(?:才能|可以|能)?(?:最)?(?:快速|快|无痛|不痛苦|不痛|"
    r"安静|轻松|安详|简单|干脆)?地?"
    r"(?:自杀|去死|死掉|死得|结束(?:自己的?)?生命|割腕|上吊|烧炭|跳楼|服毒|了结自己|轻生|寻死)",
    r"(?:无痛|不痛苦|最快|最简单|最容易|最有效|最好|安乐)的?(?:自杀|死法|死亡方式|自杀方法)|(?:自杀|寻死|轻生|"
    r"死)的?(?:方法|办法|方式|攻略|教程)|死得(?:不痛苦|快|舒服|安详|没痛苦)|不痛苦地?死",
    r"(?:几楼|多高|多少层|多少米|几层).{0,10}(?:跳|摔|掉|坠)(?:下去|下来|楼)?.{0,6}(?:会死|能死|必死|死|没命|活)",
    r"(?:附近|最近|这附近|离我|本市|我家附近|周围).{0,8}(?:最高|高)的?(?:楼|桥|大桥|天台|楼顶|大楼|悬崖)|(?:最高|"
    r"没有护栏)的?(?:楼|桥|天台|楼顶).{0,6}(?:在哪|哪里|哪儿|能上去|跳)",
    rf"(?:哪种|什么|哪个|哪些)(?:药|药物|农药|化学品|东西|{_MEANS}).{{0,12}}(?:最)?(?:致命|危险|能死人|会死|"
    r"毒性最大|能让人死|吃多了会死|死得快)",
    r"(?:哪里|在哪|怎么|哪儿)(?:能|可以)?(?:买|搞|弄|拿)(?:到)?.{0,6}(?:安眠药|百草枯|氰化物|毒药|枪)",
    r"割(?:腕|手腕|脉).{0,6}(?:多深|怎么|哪里|横|竖|才)|割多深|上吊.{0,6}(?:怎么|多久|多长时间|绳)|"
    r"烧炭.{0,6}(?:怎么|多久|需要)",
    r"(?:多久|多长时间)(?:会|能|才|就){0,2}(?:死|断气|没意识|失去意识|没命)",
    r"无痛(?:地|的)?(?:离开|走|死|结束|解脱)|(?:离开|走|解脱|结束).{0,12}(?:什么|哪种|哪个)(?:方法|办法|方式)",
    r"(?:怎么|怎样|如何|多少|哪种|什么药).{0,20}(?:kill (?:my|your)self|overdose|lethal|\bod\b|\bdie\b)",
    r"\b(?:how|how many|how much|which|what)\b.{0,30}(?:自杀|会死|致死|去死|割腕|上吊|跳楼|烧炭|安眠药|百草枯|毒药)",
])

FICTION = _c([r"\b(?:novel|story|book|screenplay|script|fanfic|fan fiction|fic|character|characters|role ?play|rp|"
              r"game|dnd|d&d|campaign|poem|film|movie|short story|writing|hypothetical\w*|pretend|imagine|"
              r"research|essay|school project|asking for a friend)\b",
              r"小说|故事|剧本|角色|主角|人物|写作|假设|假如|如果是|游戏|研究|论文|电影"])
FIRST_PERSON = _c([r"\b(?:i|i'm|im|i've|me|myself|my own|i'd|i'll|mine)\b(?! (?:novel|story|book|character))",
                   r"我(?!的(?:小说|故事|剧本|角色|作品|书))"])

DIET = _c([
    r"\b(?:meal plan|diet plan|diet|calorie|calories|kcal|weight ?loss|lose (?:weight|\d+ ?(?:kg|kilos?|pounds|lbs?|"
    r"st))"
    r"|get (?:skinny|thin|thinner|skinnier)|stop eating|not eat(?:ing)?|eat less|eat nothing|starv\w*|fasting|fast for"
    r"|purg\w*|make myself (?:sick|throw up)|throw(?:ing)? up (?:after|my food|what i eat)|laxatives?|"
    r"skip(?:ping)? meals"
    r"|pro[- ]?ana|thinspo|suppress (?:my )?appetite|thigh gap|drop (?:\d+ ?)?(?:kg|pounds|lbs|sizes?|weight))\b"
    r".{0,80}(?:\bplan\b|\?|\btips?\b|\bhow\b|\bschedule\b|\bhelp\b|\bmake\b|\bgive\b|\bwrite\b|\bextreme\b|\bfastest\b|\bquick(?:est|"
    r"ly)?\b)",
    r"\b(?:give|make|write|create|design|plan|need|want|recommend|suggest|tell)\b.{0,30}\b(?:meal plan|diet plan|diet|"
    r"calorie|calories|kcal|fasting|weight[- ]?loss|weight loss)\b",
    r"\bhow (?:can|do|should|could|to) (?:i |u |you )?(?:lose|drop|stop eating|eat less|not eat|get skinny|get thin|"
    r"starve|fast|purge|hide (?:not eating|that i)|suppress|burn off|cut (?:down )?calories|make myself (?:sick|"
    r"throw up))",
    r"\b(?:stay|keep it|eat) (?:under|below|less than) \d+ ?(?:cals?|calories|kcal)\b|\b\d+ ?-?(?:cal|calorie|kcal)\w*"
    r"\b.{0,40}\bplan\b",
    r"\bhow (?:many|few|little) (?:calories|kcal|meals|food) (?:should|do|can|must|could) i\b"
    r"|\bhow (?:many|few|little) (?:calories|kcal|meals)\b.{0,30}\b(?:to lose|to get (?:thin|skinny)|a day|per day)\b",
    r"\b(?:fastest|quickest|best|easiest) way to (?:lose|drop|get skinny|get thin|stop eating|starve|burn fat)",
    r"\bhelp me (?:to )?(?:stop eating|starve|lose weight|not eat|eat less|eat nothing|get (?:skinny|thin)|purge)",
    r"(?:减肥|减重|节食|瘦下来|变瘦|瘦身|断食|催吐|不吃饭|少吃|热量|卡路里|大卡|饮食计划|减肥食谱|掉秤|抑制食欲|"
    r"瘦到|不吃东西|餐单|一日(?:食|吃)一餐|一天(?:吃)?一餐|越少越好)"
    r".{0,20}(?:计划|方法|办法|怎么|怎样|如何|快速|帮我|给我|推荐|食谱|多少|攻略|？|\?)",
    r"(?:餐单|食谱|一日(?:食|吃)一餐|一天(?:吃)?一餐).{0,15}(?:越少越好|给我)|(?:给|俾)(?:个|我).{0,10}(?:餐单|食谱)",
    r"(?:帮我|给我|怎么|怎样|如何|快速|推荐).{0,10}(?:减肥|减重|节食|瘦下来|变瘦|瘦身|断食|催吐|不吃饭|少吃|"
    r"饮食计划|掉秤|瘦到)",
])
BODY_HATRED = _c([r"\b(?:hate|disgusted (?:by|with)|gross|ugly|fat|huge|whale|pig)\b.{0,20}\b(?:my body|myself|me|i am|"
                  r"i'm)\b|\b(?:my body|i look|i'm so|im so|i am so) (?:disgusting|fat|gross|huge|ugly)\b|"
                  r"\b(?:anorexi\w*|bulimi\w*|binge\w*|eating disorder|ed|purg\w*)\b",
                  r"讨厌(?:自己|我的身体)|恶心|好胖|太胖|肥|丑|核突|厌食|暴食|催吐|进食障碍"])

DIAGNOSIS = _c([
    r"\b(?:do|could|might|would|can) i (?:have|be|be suffering from|suffer from|possibly have)\b.{0,25}\b(?:depression|"
    r"bipolar|bpd|adhd|add|ocd|ptsd|anxiety|autism|autistic|a (?:mental|personality|eating|mood|anxiety) disorder|"
    r"schizophreni\w*|anorexia|bulimia|psychosis|insomnia|borderline|narcissis\w*|a mental illness|an? \w+ disorder)",
    r"\b(?:do you think|you think|does it sound like|would you say|could it be) (?:that )?i(?:'m| am| have|"
    r" might have| "
    r"may have| could have| might be)\b.{0,20}\b(?:depress\w*|bipolar|bpd|adhd|ocd|ptsd|autis\w*|anxiety|disorder|"
    r"schizo\w*|anorexi\w*|bulimi\w*|psycho\w*|borderline|mentally ill|narciss\w*)",
    r"\bam i\b.{0,15}\b(?:depressed|bipolar|autistic|schizophrenic|psychotic|anorexic|bulimic|crazy|mentally ill|"
    r"a narcissist|a sociopath|a psychopath|borderline|adhd|ocd|clinically|mental)\b",
    r"\b(?:diagnose|diagnosis|diagnosing)\b",
    r"\bwhat (?:mental )?(?:disorder|illness|condition|diagnosis|is wrong with me)\b",
    r"\bis (?:this|it|that|what i have) (?:depression|bipolar|adhd|ptsd|ocd|bpd|schizophrenia|(?:an? )?(?:\w+ ){0,3}"
    r"disorder|a mental illness|clinical)\b",
    r"\b(?:tell|say) (?:me )?(?:if|whether|that) i(?:'m| am| have)\b.{0,20}(?:depress|bipolar|disorder|adhd|ocd|ill)",
    r"我(?:是不是|是否|会不会|有没有|可能|应该)(?:得了|患了|有了?|是)?.{0,4}(?:抑郁症|抑郁|双相|躁郁|焦虑症|"
    r"精神分裂|强迫症|多动症|老年痴呆|阿尔茨海默|痴呆"
    r"|进食障碍|厌食症|暴食症|人格障碍|创伤后应激|自闭症|精神病|心理疾病|心理问题)",
    r"(?:帮我|给我|替我|能不能|可以)(?:做个?|下个?)?(?:诊断|确诊|判断一下)|诊断(?:一下|下)|(?:这|我这)(?:是不是|算不算|"
    r"是)(?:抑郁症|焦虑症|双相|精神病)",
])

JUST_KIDDING = _c([
    r"^\W*(?:jk|j/k|jkjk|just kidding|just joking|only joking|i was (?:only |just )?(?:kidding|joking)|kidding|joking|"
    r"lol+ (?:jk|nvm|just kidding|kidding)|nvm|never ?mind|forget (?:it|i said (?:that|anything)|what i said)|"
    r"you misunderstood|you got it wrong|i didn'?t mean (?:it|that)|not serious|i'?m not serious|it was a joke|"
    r"that was a joke|haha+|lol+|lmao|i'?m (?:fine|ok|okay|good),? (?:really|now|lol|haha|honestly)?|calm down)\b",
    r"^\W*(?:开玩笑|开个玩笑|逗你|说着玩|随便说说|没事了?|你误会了|我没事|不是认真的|算了吧?|哈哈+|骗你的|闹着玩)",
])

# an answer to the chat's direct safety question (engine: after a check_in reply): yes, or a hedge
CHECK_IN_YES = _c([
    r"^\W*(?:yes|yeah|yea|yep|yup|ya|yh|y|kind of|kinda|sort of|sorta|sometimes|maybe|i think so|a bit|a little|"
    r"honestly|i guess|probably|i do|i am|i have|always|all the time|every day|everyday|constantly|lately|often|"
    r"more than i(?:'d| would) like|how did you know|is it that obvious)\b",
    r"^\W*(?:no|nah|not really|nope)\b.{0,20}\bbut\b.{0,30}\b(?:sometimes|maybe|kind of|kinda|a bit|a little|"
    r"occasionally|used to|at night)\b",
    r"^\W*(?:是|是的|有|有的|嗯|对|对的|有时候|有时|有一点|有点|可能|好像是|好像有|经常|一直|总是|偶尔|最近|会)",
])

CHECK_IN_NO = _c([r"^\W*(?:no|nah|nope|not really|god no|of course not|never|not at all|i'?m not)\b",
                  r"^\W*(?:没有|不是|没|不会|并没有|不不|当然不)"])

# softer signs (the running risk): 2 = strong, 1 = some. Matched on the writer's own words.
CONCERN_STRONG = _c([
    r"\b(?:want|wanna|wish i could|just want) (?:to )?(?:disappear|vanish|not be here|stop existing|be gone|"
    r"sleep forever)(?! (?:for|to|into|on) (?:a |an |the |one |two |some |few |\w+ )?(?:weekend|week|day|days|while|"
    r"bit|few|month|holiday|vacation|trip|cabin|beach|mountains|woods|island|camping))",
    r"\b(?:can't|cant|cannot|don't think i can|dont think i can|not sure i can|unable to) (?:go on|take (?:it|this) "
    r"anymore|do this anymore|keep going|cope anymore|bear it|carry on)\b",
    r"\bmy (?:own )?funeral\b|\bmy life is over\b|\bi want out\b(?! of (?:the|my|this|our) (?!life|world|existence"
    r"|pain|misery))|\bnothing(?:'s|"
    r" is) worth it\b"
    r"|\bonly way out\b|\bno way out\b",
    r"\b(?:no way out|trapped with no|everyone would be better|they'd be better|would anyone (?:care|notice|miss me))",
    r"\b(?:want|need) (?:it|everything|this|the pain) (?:all )?to (?:end|stop|be over)\b|"
    r"\bwhat'?s the point of (?:living|life|"
    r"going on|anything)|\b(?:tired|sick) of (?:living|being alive|life|existing)\b|\bi (?:give up|"
    r"'m giving up) on (?:life|"
    r"everything|myself)\b|\bgive up on (?:life|everything)\b|\bno (?:future|hope) (?:for me|left)\b",
    r"想消失(?!一(?:个|下|天|周|阵|会)|几天|一段时间|一(?:个)?(?:周末|星期|礼拜))|消失就好|撑不下去|熬不下去|受不了了|没有出路|走投无路|活着好累|活着太累|活着没劲|想解脱|只想解脱|"
    r"想永远睡下去|不想醒|"
    r"没有我(?:会)?更好|大家没有我|都是我的错.{0,6}(?:消失|离开)|想离开这个世界|没人会在乎我死|去天台|去楼顶|"
    r"活着太痛苦",
])
CONCERN = _c([
    r"\b(?:hopeless|worthless|pointless|meaningless|helpless|empty inside|dead inside|numb|a burden|burden to|"
    r"nothing matters|no point|no hope|give up|giving up|exhausted|can't take|nobody would (?:care|notice|miss)|"
    r"nobody cares|no one cares|hate myself|hate my life|alone|lonely|failure|useless|trapped|stuck|falling apart|"
    r"tonight'?s the night|thanks for listening|goodbye|death|dying|die|dead|suicide|gone|not around|"
    r"breaking down|broken|hurts too much|pain|darkest|dark thoughts|tired of everything|tired of it all|so tired)\b",
    r"绝望|没希望|没有希望|没意义|没有意义|没意思|拖累|负担|累赘|放弃|讨厌自己|恨自己|没人在乎|孤单|孤独|空虚|麻木|"
    r"痛苦|崩溃|好累|太累|"
    r"没用|失败|一无是处|黑暗|撑不住",
])
