namespace Vision.Components;

/// <summary>The stages of a vision frame, as <see cref="PipelineStats"/> and the HUD report them.</summary>
public enum PipelineStage
{
    /// <summary>Reading and converting a camera frame (on the capture thread).</summary>
    Capture,
    /// <summary>Copying the frame into its GL texture.</summary>
    Upload,
    /// <summary>Texture to input tensor (compute shader), plus the host copies a non-GL backend needs.</summary>
    Preprocess,
    /// <summary>The network's kernels.</summary>
    Inference,
    /// <summary>Output tensor to textures (masks, feature-map tiles) and read-backs of small results.</summary>
    Postprocess,
    /// <summary>The rest of the frame: drawing the scene and overlays, presenting.</summary>
    Render,
    /// <summary>A whole frame.</summary>
    Frame,
}
