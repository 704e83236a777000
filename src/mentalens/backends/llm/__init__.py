"""The llm backend (the ``llm`` extra): generative language models on-device.

model.py (the Backend), prompts.py (rendered from the TaskSpecs), scoring.py (label scoring
and the grammar path), runtime*.py (llama.cpp and transformers), rationales.py (generated,
then checked), calibrate.py, lora.py + train.py (multi-task LoRA), gguf_export.py and
random_gguf.py (GGUF files for llama.cpp).
"""
