"""A tiny randomly initialised Llama-architecture causal LM (hidden 64, two layers) with a
byte-level BPE tokenizer trained here on project-written sentences and a chat template, saved
as a Hugging Face folder. Built inside the tests; nothing is downloaded.

Dimensions are multiples of 32 so the model quantises to Q8_0 / Q4_0 once exported to GGUF.
"""
from __future__ import annotations

from pathlib import Path

CHAT_TEMPLATE = (
    "{{ bos_token }}{% for m in messages %}<|{{ m['role'] }}|>\n{{ m['content'] }}<|end|>\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>\n{% endif %}"
)
SPECIALS = ["<s>", "</s>", "<pad>", "<|user|>", "<|assistant|>", "<|system|>", "<|end|>"]

# Project-written sentences (no research data): enough to learn merges for the prompts.
CORPUS = [
    "Consider this post. Question: does the poster suffer from depression? Answer with one of: no, yes.",
    "Then give the reasoning. Reasoning: the post shows signs of stress about work and school.",
    "I feel alone and nobody cares about me. I can't sleep and nothing feels worth doing anymore.",
    "My exams are next week and I am so stressed about money, my family and my job.",
    "Had a great day with friends at the park, feeling calm and grateful.",
    "minimal mild moderate severe supportive indicator ideation behavior attempt",
    "school financial problem family issues social relationships work health issues emotional turmoil",
    "everyday decision making other causes bias or abuse jobs and career medication relationship alienation",
    "no mental disorders depression suicide or self-harm tendency anxiety bipolar disorder ptsd",
    "spiritual physical intellectual social vocational emotional thwarted belongingness perceived burdensomeness",
    "The answer is yes. Phrases of the post that weigh most in this answer. Explain the answer.",
]


def build_tiny_llama(path: str | Path, *, seed: int = 0, vocab_size: int = 640, hidden: int = 64,
                     layers: int = 2, chat: bool = True) -> Path:
    """Write the tiny model and its tokenizer to ``path``; returns the folder."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    path = Path(path)
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=SPECIALS, show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(CORPUS * 4, trainer)
    bos = tok.token_to_id("<s>")
    tok.post_processor = processors.TemplateProcessing(single="<s> $A", pair="<s> $A <s> $B",
                                                       special_tokens=[("<s>", bos)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   model_max_length=1024)
    if chat:
        fast.chat_template = CHAT_TEMPLATE
    config = LlamaConfig(vocab_size=tok.get_vocab_size(), hidden_size=hidden, intermediate_size=2 * hidden,
                         num_hidden_layers=layers, num_attention_heads=4, num_key_value_heads=2,
                         max_position_embeddings=1024, rms_norm_eps=1e-5, rope_theta=10000.0,
                         bos_token_id=bos, eos_token_id=tok.token_to_id("</s>"),
                         pad_token_id=tok.token_to_id("<pad>"), tie_word_embeddings=False)
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    with torch.no_grad():   # larger random weights than the default init, so outputs differ by input
        for p in model.parameters():
            if p.dim() == 2:
                p.normal_(0.0, 0.2)
    model.save_pretrained(path, safe_serialization=True)
    fast.save_pretrained(path)
    return path


def rig_first_token(path: str | Path, logits: dict[int, float], after: str = "\n") -> Path:
    """Hand-build the tiny model at ``path`` so that right after the token of ``after`` (where
    the chat template hands over to the assistant) the next-token logits are exactly
    ``logits`` (token id -> logit; every other token 0), and after any other token all logits
    are 0 (a uniform next token). The attention and MLP outputs are zeroed, so the last hidden
    state is the normalised embedding of the current token; the embedding of ``after`` is put
    on an axis no other token uses. The right answer to every question is then known."""
    import torch
    from transformers import AutoTokenizer, LlamaForCausalLM

    path = Path(path)
    tok = AutoTokenizer.from_pretrained(path)
    (anchor,) = tok(after, add_special_tokens=False)["input_ids"]
    model = LlamaForCausalLM.from_pretrained(path, dtype=torch.float32)
    hidden = model.config.hidden_size
    with torch.no_grad():
        for layer in model.model.layers:
            layer.self_attn.o_proj.weight.zero_()
            layer.mlp.down_proj.weight.zero_()
        emb = model.model.embed_tokens.weight
        emb[:, 0] = 0.0
        emb[anchor] = 0.0
        emb[anchor, 0] = 1.0                    # RMS-normalised: 8.0 on axis 0 for hidden 64
        scale = (hidden ** 0.5)
        head = model.lm_head.weight
        head.zero_()
        for tid, value in logits.items():
            head[tid, 0] = value / scale
    model.save_pretrained(path, safe_serialization=True)
    return path
