package dev.promptgate.dlp;

/** What the extension does with a file a person is about to give an AI service. */
public enum UploadAction {
    ALLOW,
    WARN,
    BLOCK
}
