"""Audio in and out: reading files, recording the microphone without losing anything."""
