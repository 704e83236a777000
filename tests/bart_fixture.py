"""A tiny randomly initialised BART (d_model 16, one layer each side) and a word-level tokenizer,
built with ``tokenizers`` and saved to a folder, for the BARTScore tests. Nothing is downloaded."""
from __future__ import annotations

WORDS = "i feel alone sad nobody cares the post shows signs of loneliness stress about work and school".split()


def build_tiny_bart(path):
    """A d_model 16 BART (one layer each side), random weights (seed 0), a word-level tokenizer; saved to ``path``."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    specials = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]
    vocab = {tok: i for i, tok in enumerate(specials + WORDS)}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", 0), ("</s>", 2)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   unk_token="<unk>", mask_token="<mask>", model_max_length=64)
    config = BartConfig(vocab_size=len(vocab), d_model=16, encoder_layers=1, decoder_layers=1,
                        encoder_attention_heads=2, decoder_attention_heads=2, encoder_ffn_dim=32, decoder_ffn_dim=32,
                        max_position_embeddings=64, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                        decoder_start_token_id=2, forced_eos_token_id=2)
    torch.manual_seed(0)
    BartForConditionalGeneration(config).save_pretrained(path)
    fast.save_pretrained(path)
    return path
