namespace Vision.Demo;

/// <summary>The command line of ./vision demo is wrong; the message says which option and what it wants.</summary>
public sealed class DemoOptionsException(string message) : Exception(message);
